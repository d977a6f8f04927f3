#!/usr/bin/env bash
# Drift-check bench, part 1 (bench/drift-rates, in one process): false-alarm rate over 100 undrifted simulator batches
# of 1,000 and of 10,000 rows against a 100,000-row simulated reference (goal ≤ 5 % of batches flagged, the configured
# rate beside it), detection rate over 50 drifted batches per scenario at its default magnitude (goal ≥ 95 %), and
# CBPE's estimated vs actual F1 over labelled covariate-shift batches (goal: mean absolute error ≤ 0.05), with the
# production model registered below. RATES_ONLY=1 stops after it.
# Part 2: ./build.sh CheckDrift with 1,000,000 simulated reference rows (its training split, 800,000 rows,
# is the reference) against 1,000,000 rows of hot-ambient traffic, wall time and peak memory; once on the features
# alone, once with prediction drift (the production model scoring both samples). Printed beside the same run's peer
# on the same files: pandas + SciPy (PSI, Kolmogorov-Smirnov, chi-square per feature; what Evidently computes), which
# compares the whole reference file and has no model to score. No goal is set by an issue yet; these are the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
ROWS=${ROWS:-1000000}
if ! /usr/bin/python3 -c "import pandas, scipy" 2>/dev/null; then
    echo "Installing Debian's python3-pandas and python3-scipy (the peer)..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pandas python3-scipy >/dev/null
fi

bench_dir="$(mktemp -d)"
trap 'rm -rf "$bench_dir"' EXIT
# The checks run in scratch roots (copies of data/ and the dataset's configuration) so the repository's artifacts
# and registry are left alone; the second root gets a registered production model.
for root in features scored; do
    mkdir -p "$bench_dir/$root/.nuke" "$bench_dir/$root/data" "$bench_dir/$root/models/ai4i2020"
    cp data/*.json "$bench_dir/$root/data/"
    cp models/ai4i2020/training.json models/ai4i2020/drift.json models/ai4i2020/metrics.verified.json "$bench_dir/$root/models/ai4i2020/"
done
reference="$bench_dir/reference.csv"
current="$bench_dir/current.csv"
echo "== registering a production model in the second root (./build.sh Register on the embedded default)"
./build.sh Register --root "$bench_dir/scored" >/dev/null
build_dll="build/bin/Debug/net10.0/_build.dll"

production_dir=$(ls -d "$bench_dir"/scored/models/registry/ai4i2020/versions/* | sort -V | tail -1)
echo "== false-alarm, detection and CBPE rates (bench/drift-rates; production model $(basename "$production_dir"))"
dotnet build -c Release bench/drift-rates -nologo -v quiet -tl:off > "$bench_dir/rates-build.log" 2>&1 || { cat "$bench_dir/rates-build.log"; exit 1; }
dotnet bench/drift-rates/bin/Release/net10.0/DriftRatesBench.dll "$PWD" "$production_dir"
[[ "${RATES_ONLY:-0}" == 1 ]] && exit 0

echo "== generating $ROWS reference rows and $ROWS hot-ambient rows (./build.sh Simulate)"
./build.sh Simulate --simulate-rows "$ROWS" --simulate-output "$reference" >/dev/null
./build.sh Simulate --simulate-rows "$ROWS" --simulate-seed 11 --simulate-scenario hot-ambient --simulate-output "$current" >/dev/null

measure() {
    local label="$1"; shift
    /usr/bin/time -v "$@" >"$bench_dir/out" 2>"$bench_dir/time" || { cat "$bench_dir/out" "$bench_dir/time"; exit 1; }
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$bench_dir/time")
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$bench_dir/time")
    printf '%-62s %7.2f s %7s MB\n' "$label" "$wall" "$rss"
}

echo "== same files, same run (wall time, peak RSS); load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
measure "peer: pandas read_csv + SciPy (PSI, KS, chi-square)" /usr/bin/python3 bench/drift_pandas_peer.py "$reference" "$current"
peer_out=$(cat "$bench_dir/out")
measure "CheckDrift, build dll, features" bash -c "cd '$bench_dir/features' && dotnet '$PWD/$build_dll' CheckDrift --data '$reference' --current '$current' --root '$bench_dir/features'"
grep -E "DRIFT|Drift detected|No drift" "$bench_dir/out" | head -8
measure "CheckDrift, build dll, features + prediction drift" bash -c "cd '$bench_dir/scored' && dotnet '$PWD/$build_dll' CheckDrift --data '$reference' --current '$current' --root '$bench_dir/scored'"
grep -E "model score" "$bench_dir/out" | head -2
echo "peer's figures:"
echo "$peer_out" | sed 's/^/  /'
