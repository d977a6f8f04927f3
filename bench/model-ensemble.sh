#!/usr/bin/env bash
# The experiments behind "ROC AUC on the real file" in models/README.md: candidate members of an ensemble and
# hyperparameter variants, each scored by out-of-fold cross-validation on the training split of the real AI4I file
# (the split and folds Train uses), then blends whose weights are picked on those out-of-fold predictions. The test
# split's numbers come last and choose nothing. Pass --fold-seed N after the CSV to repeat with other folds.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${1:-../shared/data/ai4i2020.csv}"
shift || true
[[ -f "$DATA" ]] || { echo "error: $DATA does not exist; give the AI4I CSV as the first argument." >&2; exit 1; }
mkdir -p artifacts
dotnet build -c Release bench/model-ensemble-search -nologo -v quiet -tl:off > artifacts/bench-model-ensemble-build.log 2>&1 || { cat artifacts/bench-model-ensemble-build.log; exit 1; }

# The committed configuration (models/ai4i2020/training.json), then variants of it.
LGB="numberOfLeaves=8,minimumExampleCountPerLeaf=20,learningRate=0.05,numberOfIterations=300,maximumBinCountPerFeature=1023"
BAG="$LGB,subsampleFraction=0.8,featureFraction=0.8"
dotnet bench/model-ensemble-search/bin/Release/net10.0/ModelEnsembleSearch.dll "$DATA" "$@" \
    --blend lgb+ff --blend lgb+ff_l16_m20 --blend l2_5_m40+ff --average bag_s42+bag_s1+bag_s2 \
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
