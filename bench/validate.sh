#!/usr/bin/env bash
# Data validation bench: ./build.sh ValidateData on 1,000,000 simulated AI4I rows (one streaming pass: every cell
# parsed and checked against the spec and the reviewed schema, statistics, duplicate ids, label rules, leakage).
# Goals (issue 17): no slower than Python's csv module merely parsing the same file, and < 200 MB peak memory whatever
# the row count (ROWS=10000000 checks the memory on 10 M rows). Ours and the peers run RUNS times (default 3),
# interleaved so that the machine's load falls on both alike; the medians are printed with the load average. Exits
# non-zero when it cannot measure.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/measure.sh
source bench/ready-to-run.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}

bench_dir="$(mktemp -d)"
trap 'rm -rf "$bench_dir"' EXIT
csv="$bench_dir/ai4i-simulated-$ROWS.csv"
# The validation runs in a scratch root (a copy of data/) so the repository's artifacts/ are left alone.
mkdir -p "$bench_dir/root/.nuke" "$bench_dir/root/data"
cp data/*.json "$bench_dir/root/data/"

echo "== generating $ROWS simulated rows (./build.sh Simulate)"
./build.sh Simulate --simulate-rows "$ROWS" --simulate-output "$csv" >/dev/null
wait_for_ready_to_run "$PWD" # the build users run from the second run on
echo "   $(du -h "$csv" | cut -f1), $(wc -l < "$csv") lines"
build_dll="build/bin/Release/net10.0/_build.dll"  # what ./build.sh compiles and runs
[[ -f "$build_dll" ]] || { echo "cannot measure: $build_dll is missing (./build.sh compiles it)" >&2; exit 1; }

echo "== same file, same run, $RUNS runs each (wall time, peak RSS); load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
measure "wc -l (read the bytes)" wc -l "$csv"
declare -a python_wall python_rss python_cpu ours_wall ours_rss ours_cpu
# cpu: user + sys seconds of the last measured command (under load, a fairer figure than the wall time).
cpu() { awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$bench_dir/time"; }
for run in $(seq "$RUNS"); do
    measure "python3 csv module (parse only), run $run" python3 -c 'import csv, sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))))' "$csv"
    require_output "^$((ROWS + 1))\$" "python3 csv"
    python_wall+=("$wall"); python_rss+=("$rss"); python_cpu+=("$(cpu)")
    measure "ValidateData, build dll (parse + validate + reports), run $run" bash -c "cd '$bench_dir/root' && PIPELINE_VALIDATION_TIMES=1 dotnet '$PWD/$build_dll' ValidateData --data '$csv'"
    require_output "[0-9,]+ rows of .*0 error" "ValidateData"
    grep -m1 "validation phases" "$bench_dir/out" | sed 's/^/    /' || true
    ours_wall+=("$wall"); ours_rss+=("$rss"); ours_cpu+=("$(cpu)")
done
measure "./build.sh ValidateData (incl. bootstrapper)" bash -c "cd '$bench_dir/root' && '$PWD/build.sh' ValidateData --data '$csv' --root '$bench_dir/root'"
require_output "[0-9,]+ rows of .*0 error" "./build.sh ValidateData"
grep -E "rows of" "$bench_dir/out" | head -1
ours=$(median "${ours_wall[@]}"); peer=$(median "${python_wall[@]}")
printf '%-62s %7.2f s %7s MB   cpu %5.2f s\n' "median: ValidateData (build dll)" "$ours" "$(median "${ours_rss[@]}")" "$(median "${ours_cpu[@]}")"
printf '%-62s %7.2f s %7s MB   cpu %5.2f s\n' "median: python3 csv module (parse only)" "$peer" "$(median "${python_rss[@]}")" "$(median "${python_cpu[@]}")"
awk -v o="$ours" -v p="$peer" 'BEGIN { printf "ValidateData takes %.0f %% of the peer'"'"'s time; load average now %s\n", 100 * o / p, "'"$(cut -d' ' -f1-3 /proc/loadavg)"'" }'
echo "goals: ValidateData ≤ the peer's time, < 200 MB"
