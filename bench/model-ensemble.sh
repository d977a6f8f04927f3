#!/usr/bin/env bash
# The experiments behind "ROC AUC on the real file" in models/README.md: the committed configuration (with its cause
# models) and variants of it, candidate members of an ensemble and hyperparameter variants, each scored by
# out-of-fold cross-validation on the training split of the real AI4I file (the split and folds Train uses), then
# blends whose weights are picked on those out-of-fold predictions. The test split's numbers come last and choose
# nothing. Pass --fold-seed N after the CSV to repeat with other folds.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${1:-../shared/data/ai4i2020.csv}"
shift || true
[[ -f "$DATA" ]] || { echo "error: $DATA does not exist; give the AI4I CSV as the first argument." >&2; exit 1; }
mkdir -p artifacts
dotnet build -c Release bench/model-ensemble-search -nologo -v quiet -tl:off > artifacts/bench-model-ensemble-build.log 2>&1 || { cat artifacts/bench-model-ensemble-build.log; exit 1; }

# Variants of the committed configuration file, differing only in their cause models.
VARIANTS=artifacts/bench-model-ensemble-configs
mkdir -p "$VARIANTS"
/usr/bin/python3 - "$VARIANTS" <<'PY'
import json, sys
# training.json allows whole-line // comments, which Python's json does not.
text = "\n".join(l for l in open("models/ai4i2020/training.json") if not l.lstrip().startswith("//"))
committed = json.loads(text)
def variant(name, causes):
    json.dump({**committed, "causes": causes}, open(f"{sys.argv[1]}/{name}.json", "w"), indent=2)
small = {"numberOfLeaves": 4, "minimumExampleCountPerLeaf": 10}
rules = [{"column": c, "parameters": small} for c in ("HDF", "PWF", "OSF")]
variant("no_causes", [])
variant("twf_all_features", rules + [{"column": "TWF", "parameters": small}])
variant("twf_wear_l4_m10", rules + [{"column": "TWF", "features": ["Tool wear [min]"], "parameters": small}])
variant("twf_wear_l4_m40", rules + [{"column": "TWF", "features": ["Tool wear [min]"], "parameters": {"numberOfLeaves": 4, "minimumExampleCountPerLeaf": 40, "numberOfIterations": 100}}])
variant("twf_wear_ff", rules + [{"column": "TWF", "features": ["Tool wear [min]"], "trainer": "FastForest", "parameters": {"numberOfLeaves": 8, "minimumExampleCountPerLeaf": 20}}])
PY

# The committed configuration (models/ai4i2020/training.json) and its variants, then single-trainer members.
LGB="numberOfLeaves=8,minimumExampleCountPerLeaf=20,learningRate=0.05,numberOfIterations=300,maximumBinCountPerFeature=1023"
BAG="$LGB,subsampleFraction=0.8,featureFraction=0.8"
dotnet bench/model-ensemble-search/bin/Release/net10.0/ModelEnsembleSearch.dll "$DATA" "$@" \
    --blend lgb+ff --blend lgb+ff_l16_m20 --blend l2_5_m40+ff --average bag_s42+bag_s1+bag_s2 \
    committed="config:models/ai4i2020/training.json" \
    no_causes="config:$VARIANTS/no_causes.json" \
    twf_all="config:$VARIANTS/twf_all_features.json" \
    twf_l4_m10="config:$VARIANTS/twf_wear_l4_m10.json" \
    twf_l4_m40="config:$VARIANTS/twf_wear_l4_m40.json" \
    twf_ff="config:$VARIANTS/twf_wear_ff.json" \
    lgb="LightGbm:$LGB" \
    lgb_m40="LightGbm:$LGB,minimumExampleCountPerLeaf=40" \
    lgb_slow="LightGbm:$LGB,learningRate=0.02,numberOfIterations=600" \
    bag_s42="LightGbm:$BAG" bag_s1="LightGbm:$BAG,seed=1" bag_s2="LightGbm:$BAG,seed=2" \
    l2_1="LightGbm:$LGB,l2Regularization=1" \
    l2_2="LightGbm:$LGB,l2Regularization=2" \
    l2_5="LightGbm:$LGB,l2Regularization=5" \
    l2_5_m40="LightGbm:$LGB,l2Regularization=5,minimumExampleCountPerLeaf=40" \
    l2_10="LightGbm:$LGB,l2Regularization=10" \
    l2_20="LightGbm:$LGB,l2Regularization=20" \
    ff="FastForest:" \
    ff_l16_m20="FastForest:numberOfLeaves=16,minimumExampleCountPerLeaf=20" \
    ff_l64_m5="FastForest:numberOfLeaves=64,minimumExampleCountPerLeaf=5" \
    ft="FastTree:numberOfLeaves=8,minimumExampleCountPerLeaf=20"
