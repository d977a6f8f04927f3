#!/usr/bin/env bash
# Model benchmark, in one run on the same split of the real AI4I 2020 file (or the CSV given as $1):
#   1. our pipeline (./build.sh Evaluate: ValidateData → Train → Evaluate, with the cause models of
#      models/ai4i2020/training.json) beside scikit-learn's
#      RandomForestClassifier (300 trees, raw + physics features) trained on the very rows our Train used
#      (it exports them to artifacts/ai4i2020/training/split.json);
#   2. the warm wall-clock time of ValidateData + Train + Evaluate on those 10,000 rows (goal < 10 s);
#   3. scoring speed of the registered production model: ScoringModel (compiled tree ensemble) beside
#      ML.NET's pooled PredictionEngine on the same records (goal: one record well under 1 ms, 1,000 < 20 ms).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${1:-../shared/data/ai4i2020.csv}"
[[ -f "$DATA" ]] || { echo "error: $DATA does not exist; give the AI4I CSV as the first argument." >&2; exit 1; }

if ! /usr/bin/python3 -c "import sklearn" 2>/dev/null; then
    echo "Installing Debian's python3-sklearn (the peer)..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-sklearn >/dev/null
fi

mkdir -p artifacts
echo "== Cold run (compiles the build, warms caches)"
./build.sh Evaluate --data "$DATA" > artifacts/bench-model-cold.log 2>&1 || { cat artifacts/bench-model-cold.log; exit 1; }

echo "== Warm run, timed"
start=$(date +%s.%N)
# --force: Train and Evaluate are incremental, and an UpToDate run would time nothing.
./build.sh Evaluate --data "$DATA" --force > artifacts/bench-model-warm.log 2>&1 || { cat artifacts/bench-model-warm.log; exit 1; }
end=$(date +%s.%N)
grep -E "^(ValidateData|Train|Evaluate) " artifacts/bench-model-warm.log || true
echo "load average: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) cores"

peer=$(/usr/bin/python3 bench/model_sklearn_peer.py "$DATA" artifacts/ai4i2020/training/split.json)
/usr/bin/python3 - "$peer" "$start" "$end" <<'PY'
import json, sys
ours = json.load(open("artifacts/ai4i2020/evaluation/metrics.json"))
peer = json.loads(sys.argv[1])
start, end = float(sys.argv[2]), float(sys.argv[3])
print()
print(f"{'model (same split: %d test rows)' % peer['rows']:<58} {'accuracy':>9} {'F1':>7} {'ROC AUC':>8}")
trained = json.load(open("artifacts/ai4i2020/training/training.json"))
name = "Pipeline: ML.NET " + ours["trainer"] + (f" + {len(trained['causes'])} cause models" if trained.get("causes") else "") + ", CV threshold"
print(f"{name:<58} {ours['accuracy']:>9.4f} {ours['f1']:>7.4f} {ours['rocAuc']:>8.4f}")
print(f"{'scikit-learn RandomForest 300 trees + physics feats':<58} {peer['accuracy']:>9.4f} {peer['f1']:>7.4f} {peer['rocAuc']:>8.4f}")
ahead = ours["f1"] > peer["f1"] and ours["rocAuc"] > peer["rocAuc"]
print(f"ours ahead on F1 and ROC AUC: {'yes' if ahead else 'NO'}")
elapsed = end - start
print(f"ValidateData+Train+Evaluate, warm, {ours['dataRows']:,} rows (whole ./build.sh process): {elapsed:.1f} s (goal < 10 s: {'met' if elapsed < 10 else 'NOT met'})")
PY

echo
echo "== Scoring speed of the model just trained (./build.sh Register registers it once per training run)"
./build.sh Register --data "$DATA" > artifacts/bench-model-register.log 2>&1 || { cat artifacts/bench-model-register.log; exit 1; }
production=$(/usr/bin/python3 - <<'PY'
import json, os
run = json.load(open("artifacts/ai4i2020/training/training.json"))["runId"]
root = "models/registry/ai4i2020/versions"
mine = [int(v) for v in os.listdir(root) if json.load(open(f"{root}/{v}/metadata.json"))["runId"] == run]
print(max(mine))
PY
)
dotnet build -c Release bench/model-scoring -nologo -v quiet -tl:off > artifacts/bench-model-scoring-build.log 2>&1 || { cat artifacts/bench-model-scoring-build.log; exit 1; }
dotnet bench/model-scoring/bin/Release/net10.0/ModelScoringBench.dll "models/registry/ai4i2020/versions/$production"
echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
