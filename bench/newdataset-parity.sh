#!/usr/bin/env bash
# NewDataset parity (issue 14): with only `./build.sh NewDataset --data <csv> --label <col> --dataset <new>`, then
# Evaluate and AcceptMetrics and no edits, the chain must land within 0.01 ROC AUC of the hand-written spec, on the
# e-commerce CSV and on the network simulator's output (20,000 rows, seed 7, as bench/datasets.sh). Everything runs in
# a scratch root (a copy of data/ and models/ with its own .nuke/ and artifacts/, `./build.sh --root`), so nothing
# NewDataset writes lands in the repository. Prints, per dataset, the hand spec's held-out ROC AUC and PR AUC, the
# proposed spec's, the difference, and which columns the proposal excluded as leakage; exits 1 when a difference
# exceeds 0.01 ROC AUC, 2 when it cannot measure. Keep the scratch root with KEEP_SCRATCH=1.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="$(mktemp -d "${TMPDIR:-/tmp}/newdataset-parity.XXXXXX")"
[[ "${KEEP_SCRATCH:-0}" == 1 ]] && echo "scratch root: $scratch" || trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/.nuke"
cp .nuke/parameters.json "$scratch/.nuke/"
cp -r data "$scratch/data"
mkdir -p "$scratch/models"
for d in models/*/; do mkdir -p "$scratch/$d"; cp "$d"*.json "$scratch/$d" 2>/dev/null || true; done

fail() { echo "error: $1 (log: $2)" >&2; tail -n 30 "$2" >&2; exit 2; }
build() { ./build.sh --root "$scratch" "$@"; }
log="$scratch/parity.log"
network="$scratch/network-intrusion.csv"
build Simulate --dataset network-intrusion --simulate-rows 20000 --simulate-seed 7 --simulate-output "$network" > "$log" 2>&1 \
    || fail "could not simulate the network data" "$log"

results="$scratch/results.tsv"
: > "$results"
for entry in "ecommerce-conversion|$scratch/data/ecommerce-conversion.csv|converted|" \
             "network-intrusion|$network|attack|--negative-values normal"; do
    IFS='|' read -r dataset data label extra <<< "$entry"
    proposed="$dataset-proposed"
    echo "== $dataset: the hand-written spec, then ./build.sh NewDataset --data $(basename "$data") --label $label $extra --dataset $proposed"
    hand_log="$scratch/$dataset.hand.log"
    # The gate's verdict does not matter for the hand spec here (metrics.json is written before it).
    build Evaluate --dataset "$dataset" --data "$data" > "$hand_log" 2>&1 || grep -q "metric gate\|snapshot" "$hand_log" \
        || fail "the hand spec's chain failed on $dataset" "$hand_log"
    new_log="$scratch/$dataset.new.log"
    # shellcheck disable=SC2086 # $extra is an option and its value
    build NewDataset --data "$data" --label "$label" $extra --dataset "$proposed" > "$new_log" 2>&1 \
        || fail "NewDataset failed on $dataset" "$new_log"
    # The first Evaluate asks for the first snapshot; AcceptMetrics accepts it; no file is edited in between.
    build Evaluate --dataset "$proposed" --data "$data" >> "$new_log" 2>&1 || grep -q "snapshot" "$new_log" \
        || fail "the proposed spec's chain failed on $dataset" "$new_log"
    build AcceptMetrics --dataset "$proposed" --data "$data" >> "$new_log" 2>&1 || fail "AcceptMetrics failed on $proposed" "$new_log"
    /usr/bin/python3 - "$dataset" "$scratch/artifacts/$dataset/evaluation/metrics.json" \
        "$scratch/artifacts/$proposed/evaluation/metrics.json" "$scratch/data/$proposed.json" >> "$results" <<'PY'
import json, sys
dataset, hand, new, spec = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3])), json.load(open(sys.argv[4]))
leaks = [c["name"] for c in spec["columns"] if c.get("role") == "excluded" and c.get("reason", "").startswith("leakage")]
print("\t".join([dataset, f"{hand['rocAuc']:.4f}", f"{hand['prAuc']:.4f}", f"{new['rocAuc']:.4f}", f"{new['prAuc']:.4f}", ",".join(leaks) or "-"]))
PY
done

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
/usr/bin/python3 - "$results" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
print(f"\n{'dataset':<22} {'hand ROC AUC':>12} {'PR AUC':>7} {'NewDataset ROC AUC':>18} {'PR AUC':>7} {'Δ ROC AUC':>9}  excluded as leakage by NewDataset")
worst = 0
for dataset, hand_roc, hand_pr, new_roc, new_pr, leaks in rows:
    delta = float(new_roc) - float(hand_roc)
    worst = max(worst, abs(delta))
    print(f"{dataset:<22} {hand_roc:>12} {hand_pr:>7} {new_roc:>18} {new_pr:>7} {delta:>+9.4f}  {leaks}")
print(f"\nparity (|Δ ROC AUC| ≤ 0.01 on every dataset): {'yes' if worst <= 0.01 else 'NO'} (worst {worst:.4f})")
sys.exit(0 if worst <= 0.01 else 1)
PY
