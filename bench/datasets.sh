#!/usr/bin/env bash
# Per dataset, ours vs scikit-learn on the same split in the same run: the real AI4I 2020 file (or $1), the
# e-commerce CSV, and the network-intrusion simulator's default data written to a CSV. For each, our chain
# (./build.sh Evaluate --force: ValidateData → Train → Evaluate, timed as a whole process) exports its split
# (split.json); bench/datasets_sklearn_peers.py trains RandomForest and HistGradientBoosting on those very rows from the
# spec's features and scores the same test rows. Prints accuracy, F1, ROC AUC, PR AUC and time, and whether ours is at
# least the better peer on ROC AUC and PR AUC. Our F1/accuracy use the CV-chosen threshold, the peers' 0.5. The
# e-commerce and network CSVs are also proposed with ./build.sh NewDataset (no edits) and run the same way, printed
# beside their hand-written spec's figures. Run it on a quiet machine for the times: bash bench/datasets.sh
set -euo pipefail
cd "$(dirname "$0")/.."
AI4I="${1:-../shared/data/ai4i2020.csv}"
[[ -f "$AI4I" ]] || { echo "error: $AI4I does not exist; give the AI4I CSV as the first argument." >&2; exit 1; }

if ! /usr/bin/python3 -c "import sklearn" 2>/dev/null; then
    echo "Installing Debian's python3-sklearn (the peers)..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-sklearn >/dev/null
fi

mkdir -p artifacts/bench-datasets
NETWORK=artifacts/bench-datasets/network-intrusion.csv
# The spec's embedded default (20,000 rows, seed 7) as a CSV the peers can read; the same bytes, so the same data hash.
./build.sh Simulate --dataset network-intrusion --simulate-rows 20000 --simulate-seed 7 --simulate-output "$NETWORK" \
    > artifacts/bench-datasets/simulate.log 2>&1 || { cat artifacts/bench-datasets/simulate.log; exit 1; }

# Artifacts are per dataset under artifacts/<dataset>/ once the workspace moves there; before, under artifacts/.
artifact() { if [[ -f "artifacts/$1/$2" ]]; then echo "artifacts/$1/$2"; else echo "artifacts/$2"; fi; }

# "NewDataset + no edits": the same CSVs proposed as new datasets (scratch names, their files removed on exit), trained
# with the proposal's generic defaults; printed beside the hand-written spec's run (issue 14: within 0.01 ROC AUC).
PROPOSED=(ecom-new network-new)
cleanup() { for name in "${PROPOSED[@]}"; do rm -rf "data/$name.json" "data/$name.schema.json" "models/$name" "artifacts/$name"; done; }
trap cleanup EXIT
cleanup
./build.sh NewDataset --data data/ecommerce-conversion.csv --label converted --dataset ecom-new \
    > artifacts/bench-datasets/ecom-new-proposal.log 2>&1 || { cat artifacts/bench-datasets/ecom-new-proposal.log; exit 1; }
./build.sh NewDataset --data "$NETWORK" --label attack --negative-values normal --dataset network-new \
    > artifacts/bench-datasets/network-new-proposal.log 2>&1 || { cat artifacts/bench-datasets/network-new-proposal.log; exit 1; }

results=artifacts/bench-datasets/results.jsonl
: > "$results"
for entry in "ai4i2020|$AI4I" "ecommerce-conversion|data/ecommerce-conversion.csv" "ecom-new|data/ecommerce-conversion.csv" \
             "network-intrusion|$NETWORK" "network-new|$NETWORK"; do
    dataset="${entry%%|*}"; data="${entry#*|}"
    echo "== $dataset ($data)"
    log="artifacts/bench-datasets/$dataset.log"
    start=$(date +%s.%N)
    # The gate's verdict does not matter here (metrics.json is written before it); --force: time a real run.
    ./build.sh Evaluate --dataset "$dataset" --data "$data" --force > "$log" 2>&1 || grep -q "metric gate" "$log" || { cat "$log"; exit 1; }
    end=$(date +%s.%N)
    metrics=$(artifact "$dataset" evaluation/metrics.json); split=$(artifact "$dataset" training/split.json)
    /usr/bin/python3 - "$dataset" "$metrics" "$start" "$end" >> "$results" <<'PY'
import json, sys
dataset, metrics, start, end = sys.argv[1], json.load(open(sys.argv[2])), float(sys.argv[3]), float(sys.argv[4])
assert metrics["dataset"] == dataset, f"{sys.argv[2]} is of {metrics['dataset']}, not {dataset}"
print(json.dumps({"dataset": dataset, "model": "Pipeline: ML.NET " + metrics["trainer"] + " (ValidateData+Train+Evaluate)",
                  "accuracy": metrics["accuracy"], "f1": metrics["f1"], "rocAuc": metrics["rocAuc"], "prAuc": metrics["prAuc"],
                  "seconds": end - start, "rows": metrics["rows"]}))
PY
    # A proposal is compared with its hand-written spec's run, not with peers of its own.
    [[ " ${PROPOSED[*]} " == *" $dataset "* ]] && continue
    /usr/bin/python3 bench/datasets_sklearn_peers.py "$data" "data/$dataset.json" "$split" \
        | /usr/bin/python3 -c "import json,sys; [print(json.dumps({'dataset': sys.argv[1], **json.loads(l)})) for l in sys.stdin]" "$dataset" >> "$results"
done
echo "load average: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) cores"

/usr/bin/python3 - "$results" <<'PY'
import json, sys
results = [json.loads(l) for l in open(sys.argv[1])]
verdicts = []
# A NewDataset proposal of the same CSV, printed under its hand-written spec (not a dataset of its own).
proposals = {"ecommerce-conversion": "ecom-new", "network-intrusion": "network-new"}
for dataset in dict.fromkeys(r["dataset"] for r in results):
    if dataset in proposals.values(): continue
    rows = [r for r in results if r["dataset"] == dataset]
    print(f"\n{dataset} (same split: {rows[0]['rows']} test rows)")
    print(f"  {'model':<58} {'accuracy':>9} {'F1':>7} {'ROC AUC':>8} {'PR AUC':>7} {'time s':>7}")
    for r in rows:
        print(f"  {r['model']:<58} {r['accuracy']:>9.4f} {r['f1']:>7.4f} {r['rocAuc']:>8.4f} {r['prAuc']:>7.4f} {r['seconds']:>7.1f}")
    ours, peers = rows[0], rows[1:]
    ok = all(ours[m] >= max(p[m] for p in peers) for m in ("rocAuc", "prAuc"))
    verdicts.append(ok)
    print(f"  ours ≥ the better peer on ROC AUC and PR AUC: {'yes' if ok else 'NO'}")
    proposal = next((r for r in results if r["dataset"] == proposals.get(dataset)), None)
    if proposal:
        gap = proposal["rocAuc"] - ours["rocAuc"]
        print(f"  NewDataset + no edits ({proposal['dataset']}): accuracy {proposal['accuracy']:.4f}, F1 {proposal['f1']:.4f}, "
              f"ROC AUC {proposal['rocAuc']:.4f}, PR AUC {proposal['prAuc']:.4f}, {proposal['seconds']:.1f} s; "
              f"ROC AUC {gap:+.4f} against the hand-written spec ({'within' if abs(gap) <= 0.01 else 'NOT within'} 0.01)")
print(f"\nGoal (ours ≥ the better peer on ROC AUC and PR AUC on every dataset): {'met' if all(verdicts) else 'NOT met'}")
PY
