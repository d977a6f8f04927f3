#!/usr/bin/env bash
# Drift-check bench, part 1 (bench/drift-rates, in one process): false-alarm rate over 100 undrifted simulator batches
# of 1,000 and of 10,000 rows against a 100,000-row simulated reference (goal ≤ 5 % of batches flagged, the configured
# rate beside it), detection rate over 50 drifted batches per scenario at its default magnitude (goal ≥ 95 %), and
# CBPE's estimated vs actual F1 over labelled covariate-shift batches (goal: mean absolute error ≤ 0.05), with the
# production model registered below. RATES_ONLY=1 stops after it.
# Part 2: ./build.sh CheckDrift with 1,000,000 simulated reference rows (its training split, 800,000 rows,
# is the reference) against 1,000,000 rows of hot-ambient traffic, wall time and peak memory, in three configurations:
#   features         no production model: both files read and parsed, the features compared (the fair comparison
#                    with the peer, which also reads both files);
#   + prediction, read      a production model trained on other data (the embedded default): its stored reference
#                    does not apply, so both files are read and the model scores the reference, held-out and current rows;
#   + prediction, stored    what a scheduled check runs: the production model was trained on the reference file
#                    (./build.sh Register --data, with 2 CV folds and one candidate to keep this script short; the
#                    model's own parameters are training.json's), so its stored drift reference (drift-reference.json)
#                    applies: only the current file is read, and only the current rows are scored.
# Printed beside the same run's peer on the same files: pandas + SciPy (PSI, Kolmogorov-Smirnov, chi-square per
# feature; what Evidently computes), which compares the whole reference file and has no model to score. Each runs RUNS
# times (default 3), interleaved, and the medians are printed with the load average, then each configuration's phase
# times (wall and CPU, from CheckDrift's last log line); each median has the CPU time (user + system, all threads)
# beside it. Goals (issue 17): features ≤ 50 % of the peer's time and < 3 s, with prediction drift < 8 s. Exits
# non-zero when it cannot measure.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/measure.sh
source bench/ready-to-run.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
if ! /usr/bin/python3 -c "import pandas, scipy" 2>/dev/null; then
    echo "Installing Debian's python3-pandas and python3-scipy (the peer)..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pandas python3-scipy >/dev/null
fi

bench_dir="$(mktemp -d)"
trap 'rm -rf "$bench_dir"' EXIT
# The checks run in scratch roots (copies of data/ and the dataset's configuration) so the repository's artifacts
# and registry are left alone; the second root gets a registered production model.
for root in features scored stored; do
    mkdir -p "$bench_dir/$root/.nuke" "$bench_dir/$root/data" "$bench_dir/$root/models/ai4i2020"
    cp data/*.json "$bench_dir/$root/data/"
    cp models/ai4i2020/training.json models/ai4i2020/drift.json models/ai4i2020/metrics.verified.json "$bench_dir/$root/models/ai4i2020/"
done
reference="$bench_dir/reference.csv"
current="$bench_dir/current.csv"
echo "== registering a production model in the second root (./build.sh Register on the embedded default)"
./build.sh Register --root "$bench_dir/scored" >/dev/null
wait_for_ready_to_run "$PWD" # the build users run from the second run on
build_dll="build/bin/Release/net10.0/_build.dll"  # what ./build.sh compiles and runs
repository="$PWD"

production_dir=$(ls -d "$bench_dir"/scored/models/registry/ai4i2020/versions/* | sort -V | tail -1)
echo "== false-alarm, detection and CBPE rates (bench/drift-rates; production model $(basename "$production_dir"))"
dotnet build -c Release bench/drift-rates -nologo -v quiet -tl:off > "$bench_dir/rates-build.log" 2>&1 || { cat "$bench_dir/rates-build.log"; exit 1; }
dotnet bench/drift-rates/bin/Release/net10.0/DriftRatesBench.dll "$PWD" "$production_dir"
[[ "${RATES_ONLY:-0}" == 1 ]] && exit 0

echo "== generating $ROWS reference rows and $ROWS hot-ambient rows (./build.sh Simulate)"
./build.sh Simulate --simulate-rows "$ROWS" --simulate-output "$reference" >/dev/null
./build.sh Simulate --simulate-rows "$ROWS" --simulate-seed 11 --simulate-scenario hot-ambient --simulate-output "$current" >/dev/null

echo "== registering a production model trained on the reference file in the third root (./build.sh Register --data; 2 CV folds, one candidate; minutes)"
# The reference file is new data with no verified metric snapshot: the gate warns instead of failing.
sed -e 's/"crossValidationFolds": *[0-9]*/"crossValidationFolds": 2/' -e 's/"onMissingSnapshot": *"fail"/"onMissingSnapshot": "warn"/' models/ai4i2020/training.json \
    | python3 -c 'import re, sys; print(re.sub(r"\"search\": *\[[^]]*\]", "\"search\": [ { } ]", sys.stdin.read()))' > "$bench_dir/stored/models/ai4i2020/training.json"
grep -q '"search": \[ { } \]' "$bench_dir/stored/models/ai4i2020/training.json" && grep -q '"onMissingSnapshot": "warn"' "$bench_dir/stored/models/ai4i2020/training.json" || { echo "cannot measure: the bench's training.json for the stored root was not written" >&2; exit 1; }
(cd "$bench_dir/stored" && dotnet "$repository/$build_dll" Register --root "$bench_dir/stored" --data "$reference" > "$bench_dir/stored-register.log" 2>&1) \
    || { tail -30 "$bench_dir/stored-register.log"; echo "cannot measure: Register on the reference file failed" >&2; exit 1; }
ls "$bench_dir"/stored/models/registry/ai4i2020/versions/*/drift-reference.json >/dev/null \
    || { echo "cannot measure: the registered version has no drift-reference.json" >&2; exit 1; }

echo "== same files, same run, $RUNS runs each (wall time, peak RSS); load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
declare -a peer_wall peer_rss peer_cpu features_wall features_rss features_cpu scored_wall scored_rss scored_cpu stored_wall stored_rss stored_cpu
# cpu: user + system seconds of the last measured command (all its threads; what a busy machine does not stretch).
cpu() { awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { printf "%.2f", s }' "$bench_dir/time"; }
for run in $(seq "$RUNS"); do
    measure "peer: pandas read_csv + SciPy (PSI, KS, chi-square), run $run" /usr/bin/python3 bench/drift_pandas_peer.py "$reference" "$current"
    require_output "^Type: PSI" "the pandas peer"
    peer_out=$(cat "$bench_dir/out"); peer_wall+=("$wall"); peer_rss+=("$rss"); peer_cpu+=("$(cpu)")
    measure "CheckDrift, build dll, features, run $run" bash -c "cd '$bench_dir/features' && dotnet '$PWD/$build_dll' CheckDrift --data '$reference' --current '$current' --root '$bench_dir/features'"
    require_output "Drift detected|No drift" "CheckDrift on the features"
    features_out=$(grep -E "DRIFT|Drift detected|No drift" "$bench_dir/out" | head -8); features_wall+=("$wall"); features_rss+=("$rss"); features_cpu+=("$(cpu)")
    features_time=$(grep -E "Time: " "$bench_dir/out" | sed 's/.*Time: /  features: /')
    measure "CheckDrift, features + prediction drift, reference read, run $run" bash -c "cd '$bench_dir/scored' && dotnet '$PWD/$build_dll' CheckDrift --data '$reference' --current '$current' --root '$bench_dir/scored'"
    require_output "model score" "CheckDrift with prediction drift"
    require_output "is not used|has no stored drift reference" "CheckDrift with prediction drift, reference read (the stored reference must not apply)"
    scored_out=$(grep -E "model score" "$bench_dir/out" | head -2); scored_wall+=("$wall"); scored_rss+=("$rss"); scored_cpu+=("$(cpu)")
    scored_time=$(grep -E "Time: " "$bench_dir/out" | sed 's/.*Time: /  + prediction, read: /')
    measure "CheckDrift, features + prediction drift, stored reference, run $run" bash -c "cd '$bench_dir/stored' && dotnet '$PWD/$build_dll' CheckDrift --data '$reference' --current '$current' --root '$bench_dir/stored'"
    require_output "training split, stored with v" "CheckDrift with the stored reference"
    require_output "model score" "CheckDrift with the stored reference"
    stored_out=$(grep -E "model score|Drift detected|No drift" "$bench_dir/out" | head -3); stored_wall+=("$wall"); stored_rss+=("$rss"); stored_cpu+=("$(cpu)")
    stored_time=$(grep -E "Time: " "$bench_dir/out" | sed 's/.*Time: /  + prediction, stored: /')
done
echo "$features_out"
echo "$scored_out"
echo "$stored_out"
peer=$(median "${peer_wall[@]}"); features=$(median "${features_wall[@]}"); scored=$(median "${scored_wall[@]}"); stored=$(median "${stored_wall[@]}")
printf '%-62s %7.2f s %7s MB   CPU %6.2f s\n' "median: peer, pandas + SciPy" "$peer" "$(median "${peer_rss[@]}")" "$(median "${peer_cpu[@]}")"
printf '%-62s %7.2f s %7s MB   CPU %6.2f s\n' "median: CheckDrift, features" "$features" "$(median "${features_rss[@]}")" "$(median "${features_cpu[@]}")"
printf '%-62s %7.2f s %7s MB   CPU %6.2f s\n' "median: CheckDrift, + prediction drift, reference read" "$scored" "$(median "${scored_rss[@]}")" "$(median "${scored_cpu[@]}")"
printf '%-62s %7.2f s %7s MB   CPU %6.2f s\n' "median: CheckDrift, + prediction drift, stored reference" "$stored" "$(median "${stored_rss[@]}")" "$(median "${stored_cpu[@]}")"
awk -v f="$features" -v p="$peer" -v fc="$(median "${features_cpu[@]}")" -v pc="$(median "${peer_cpu[@]}")" 'BEGIN { printf "features (both files read, as the peer) take %.0f %% of the peer'"'"'s time (CPU, user + system: %.0f %%); load average now %s\n", 100 * f / p, 100 * fc / pc, "'"$(cut -d' ' -f1-3 /proc/loadavg)"'" }'
echo "goals (issue 17): features ≤ 50 % of the peer's time and < 3 s; with prediction drift < 8 s (a scheduled check: the stored reference)"
echo "phase times of the last run (wall, CPU of all threads):"
printf '%s\n' "$features_time" "$scored_time" "$stored_time"
echo "peer's figures:"
echo "$peer_out" | sed 's/^/  /'
