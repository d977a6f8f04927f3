"""scikit-learn's RandomForest and HistGradientBoosting on exactly the rows our pipeline used (bench/datasets.sh).

Arguments: the CSV, the dataset spec (data/<name>.json) and the split our Train exported (split.json: 0-based data
row indices). Features come from the spec, so no Python knows the data: numeric columns as numbers, boolean columns
as 0/1, categorical columns one-hot over the spec's domain (derived features are not computed: the peers see the raw
columns); the label is mapped with the spec's positiveValue / positiveValues / negativeValues (boolean-like values in
any case). Prints one JSON line per model: accuracy and F1 at 0.5, ROC AUC, PR AUC (average precision), seconds.
"""
import csv, json, sys, time
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.metrics import accuracy_score, average_precision_score, f1_score, roc_auc_score

data_path, spec_path, split_path = sys.argv[1:4]
spec = json.load(open(spec_path, encoding="utf-8"))
split = json.load(open(split_path, encoding="utf-8"))
with open(data_path, newline="", encoding="utf-8-sig") as f:
    rows = list(csv.DictReader(f))

BOOLEAN_LIKE = {"true", "false", "yes", "no", "1", "0"}
def matches(cell, value):
    return cell == value or (value.lower() in BOOLEAN_LIKE and cell.strip().lower() == value.lower())

if "negativeValues" in spec:
    is_positive = lambda cell: not any(matches(cell, v) for v in spec["negativeValues"])
else:
    values = spec.get("positiveValues") or [spec["positiveValue"]]
    is_positive = lambda cell: any(matches(cell, v) for v in values)

columns = []
for c in spec["columns"]:
    if c["role"] == "numeric":
        columns.append(lambda r, n=c["name"]: [float(r[n])])
    elif c["role"] == "boolean":
        columns.append(lambda r, n=c["name"]: [1.0 if r[n].strip().lower() in ("1", "true") else 0.0])
    elif c["role"] == "categorical":
        columns.append(lambda r, n=c["name"], d=c["domain"]: [1.0 if r[n] == v else 0.0 for v in d])

X = np.array([[x for column in columns for x in column(r)] for r in rows])
y = np.array([1 if is_positive(r[spec["label"]]) else 0 for r in rows])
train, test = split["train"], split["test"]

peers = [
    ("scikit-learn RandomForest (300 trees)", RandomForestClassifier(n_estimators=300, random_state=42, n_jobs=-1)),
    ("scikit-learn HistGradientBoosting", HistGradientBoostingClassifier(random_state=42)),
]
for name, model in peers:
    start = time.perf_counter()
    model.fit(X[train], y[train])
    probabilities = model.predict_proba(X[test])[:, 1]
    seconds = time.perf_counter() - start
    predicted = (probabilities >= 0.5).astype(int)
    print(json.dumps({
        "model": name, "rows": len(test),
        "accuracy": accuracy_score(y[test], predicted), "f1": f1_score(y[test], predicted),
        "rocAuc": roc_auc_score(y[test], probabilities), "prAuc": average_precision_score(y[test], probabilities),
        "seconds": seconds,
    }))
