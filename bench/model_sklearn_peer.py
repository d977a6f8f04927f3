"""scikit-learn's RandomForestClassifier on exactly the rows our pipeline used (bench/model.sh).

Reads the CSV and the split our Train target exported (artifacts/<dataset>/training/split.json: 0-based data row indices),
builds raw features plus the three physics features the data README names (temperature difference, power,
wear x torque), trains a 300-tree forest with the same seed and prints one line of JSON with its test metrics.
"""
import csv, json, math, sys
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score

data_path, split_path = sys.argv[1], sys.argv[2]
with open(data_path, newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
split = json.load(open(split_path, encoding="utf-8"))

def features(r):
    air, proc = float(r["Air temperature [K]"]), float(r["Process temperature [K]"])
    rpm, torque, wear = float(r["Rotational speed [rpm]"]), float(r["Torque [Nm]"]), float(r["Tool wear [min]"])
    kind = r["Type"]
    return [kind == "L", kind == "M", kind == "H", air, proc, rpm, torque, wear,
            proc - air, torque * rpm * 2 * math.pi / 60, wear * torque]

X = [features(r) for r in rows]
y = [int(r["Machine failure"]) for r in rows]
train, test = split["train"], split["test"]
model = RandomForestClassifier(n_estimators=300, random_state=42, n_jobs=-1)
model.fit([X[i] for i in train], [y[i] for i in train])
probabilities = model.predict_proba([X[i] for i in test])[:, 1]
truth = [y[i] for i in test]
predicted = (probabilities >= 0.5).astype(int)
print(json.dumps({
    "accuracy": accuracy_score(truth, predicted),
    "f1": f1_score(truth, predicted),
    "rocAuc": roc_auc_score(truth, probabilities),
    "rows": len(test),
}))
