#!/usr/bin/env bash
# Engine bench: (a) the target engine's own overhead for a 20-target build whose targets do nothing
# (planning, parameter injection from command line + environment + parameters.json, bookkeeping, summary),
# goal < 50 ms; (b) warm ./build.sh --help wall time, goal < 3 s; (c) on a fresh clone of HEAD, the first ./build.sh
# (compile with progress, then the main job) and the second one (compiles nothing, every target up to date), goal < 2 s.
# Each is printed beside the same run's peer: a bare "dotnet hello.dll" process start-up (the floor any .NET build tool
# pays). SKIP_CLONE=1 leaves (c) out.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

RUNS=${RUNS:-10}
bench_dir="$(mktemp -d)"
trap 'rm -rf "$bench_dir"' EXIT
mkdir -p "$bench_dir/root/.nuke"
echo '{ "Dataset": "bench" }' > "$bench_dir/root/.nuke/parameters.json"

echo "== building bench/EngineBench (Release) and warming ./build.sh (it pre-compiles the engine)"
dotnet build bench/EngineBench/EngineBench.csproj -c Release -nologo -v quiet -tl:off -o "$bench_dir/jit" >/dev/null
./build.sh --help >/dev/null   # compiles the build once if its sources changed; the timed runs below are warm
source bench/ready-to-run.sh
wait_for_ready_to_run "$PWD"
# The same bench with the ReadyToRun engine that ./build.sh made and runs (when it could make one).
cp -r "$bench_dir/jit" "$bench_dir/r2r"
if [[ -f .nuke/temp/engine-r2r/Pipeline.Engine.dll ]]; then
    cp .nuke/temp/engine-r2r/Pipeline.Engine.dll "$bench_dir/r2r/"
    variants="jit r2r"
else
    echo "(no ReadyToRun engine in .nuke/temp/engine-r2r: only the JIT-compiled engine is measured)"
    variants="jit"
fi

# Median and minimum wall time in ms of RUNS runs of a command.
measure() {
    local times=() start end
    for _ in $(seq "$RUNS"); do
        start=$(date +%s%N)
        "$@" >/dev/null
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "median %4d ms, min %4d ms", a[int((NR + 1) / 2)], a[1] }'
}
median_min() { sort -n | awk '{ a[NR] = $1 } END { printf "median %.2f ms, min %.2f ms", a[int((NR + 1) / 2)], a[1] }'; }

echo
echo "== (a) engine overhead, 20 targets doing nothing (goal < 50 ms), $RUNS fresh processes each"
# Each process prints: its first in-process run in ms (cold: what every ./build.sh pays, JIT included), the median
# of 50 further runs (warm: the engine's bookkeeping alone), and how many methods / ms the JIT spent on the first.
for variant in $variants; do
    for _ in $(seq "$RUNS"); do dotnet "$bench_dir/$variant/EngineBench.dll" overhead "$bench_dir/root"; done > "$bench_dir/$variant.txt"
    label=$([[ $variant == r2r ]] && echo "ReadyToRun engine (as ./build.sh runs it)" || echo "JIT-compiled engine")
    echo "$label:"
    echo "  first run (cold):  $(cut -d' ' -f1 "$bench_dir/$variant.txt" | median_min)   JIT: $(cut -d' ' -f3 "$bench_dir/$variant.txt" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }') methods, $(cut -d' ' -f4 "$bench_dir/$variant.txt" | median_min)"
    echo "  warm (per run):    $(cut -d' ' -f2 "$bench_dir/$variant.txt" | median_min)"
done
last=${variants##* }
echo "whole process, 20-target build ($last): $(measure dotnet "$bench_dir/$last/EngineBench.dll" run "$bench_dir/root")"
echo "peer, bare dotnet hello process:        $(measure dotnet "$bench_dir/jit/EngineBench.dll" hello)"

echo
echo "== (b) warm ./build.sh --help wall time (goal < 3000 ms), $RUNS runs"
echo "./build.sh --help:                      $(measure ./build.sh --help)"
echo "peer, bare dotnet hello process:        $(measure dotnet "$bench_dir/jit/EngineBench.dll" hello)"

if [[ -n "${SKIP_CLONE:-}" ]]; then exit 0; fi
echo
echo "== (c) fresh clone of $(git rev-parse --short HEAD): first ./build.sh, then the second (goal < 2000 ms), $RUNS runs of the second"
clone="$bench_dir/clone"
git clone -q . "$clone"
start=$(date +%s%N)
(cd "$clone" && ./build.sh >"$bench_dir/first-run.log" 2>&1) || { tail -n 30 "$bench_dir/first-run.log" >&2; echo "engine.sh: the first ./build.sh in the clone failed" >&2; exit 1; }
end=$(date +%s%N)
echo "first ./build.sh (compile + main job):  $(( (end - start) / 1000000 )) ms; compile: $(sed -n 's/^Compiled in \([0-9]*\) s\./\1 s/p' "$bench_dir/first-run.log"), progress lines: $(grep -c '^  \[\(restore\|compile\)\]' "$bench_dir/first-run.log")"
wait_for_ready_to_run "$clone"
(cd "$clone" && ./build.sh >"$bench_dir/second-run.log" 2>&1)
if grep -q "Compiling build/_build.csproj" "$bench_dir/second-run.log"; then echo "engine.sh: the second ./build.sh compiled build/ again" >&2; exit 1; fi
echo "second ./build.sh (nothing compiled):    $(cd "$clone" && measure ./build.sh)"
echo "peer, bare dotnet hello process:        $(measure dotnet "$bench_dir/jit/EngineBench.dll" hello)"
