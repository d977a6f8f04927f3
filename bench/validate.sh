#!/usr/bin/env bash
# Data validation bench: ./build.sh ValidateData on 1,000,000 simulated AI4I rows (one streaming pass: every cell
# parsed and checked against the spec and the reviewed schema, statistics, duplicate ids, label rules, leakage),
# goals < 5 s wall time and < 500 MB peak memory on this 2-core machine. Printed beside the same run's peers on the
# same file: `wc -l` (the floor: reading the bytes) and Python's csv module (parsing only, no checks).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
ROWS=${ROWS:-1000000}

bench_dir="$(mktemp -d)"
trap 'rm -rf "$bench_dir"' EXIT
csv="$bench_dir/ai4i-simulated-$ROWS.csv"
# The validation runs in a scratch root (a copy of data/) so the repository's artifacts/ are left alone.
mkdir -p "$bench_dir/root/.nuke" "$bench_dir/root/data"
cp data/*.json "$bench_dir/root/data/"

echo "== generating $ROWS simulated rows (./build.sh Simulate)"
./build.sh Simulate --simulate-rows "$ROWS" --simulate-output "$csv" >/dev/null
echo "   $(du -h "$csv" | cut -f1), $(wc -l < "$csv") lines"
build_dll="build/bin/Debug/net10.0/_build.dll"

# Runs a command under /usr/bin/time -v; prints wall seconds and peak resident memory in MB.
measure() {
    local label="$1"; shift
    /usr/bin/time -v "$@" >"$bench_dir/out" 2>"$bench_dir/time" || { cat "$bench_dir/out" "$bench_dir/time"; exit 1; }
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$bench_dir/time")
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$bench_dir/time")
    printf '%-52s %7.2f s %7s MB\n' "$label" "$wall" "$rss"
}

echo "== same file, same run (wall time, peak RSS)"
measure "wc -l (read the bytes)" wc -l "$csv"
measure "python3 csv module (parse only)" python3 -c 'import csv, sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))))' "$csv"
measure "ValidateData, build dll (parse + validate + reports)" bash -c "cd '$bench_dir/root' && dotnet '$PWD/$build_dll' ValidateData --data '$csv'"
measure "./build.sh ValidateData (incl. bootstrapper)" bash -c "cd '$bench_dir/root' && '$PWD/build.sh' ValidateData --data '$csv' --root '$bench_dir/root'"
grep -E "rows of|error" "$bench_dir/out" | head -3
echo "goals: ValidateData < 5 s and < 500 MB"
