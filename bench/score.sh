#!/usr/bin/env bash
# Batch scoring benchmark (issue 18): `./build.sh Score` on ROWS simulated rows (default 1,000,000) through the
# production version, then the same version started as the scoring service and a random sample of SAMPLE rows posted
# to /predict one by one. Prints: rows/s and wall time, peak memory of the build process (goal: bounded, far below
# the file's size in memory), and how many sampled probabilities, labels and cause probabilities differ from
# /predict's (goal 0). Exits non-zero when it cannot measure or when any differs.
# Usage: bench/score.sh   (env: ROWS=1000000 SAMPLE=200)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-1000000}
sample=${SAMPLE:-200}
work=$(mktemp -d /tmp/bench-score.XXXXXX)
server_pid=
cleanup() { [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
command -v /usr/bin/time >/dev/null || { echo "score.sh: /usr/bin/time is missing (apt-get install time)"; exit 1; }

echo "== preparing (not timed): a registered production version, $rows simulated rows, the published service"
[[ -f models/registry/ai4i2020/stages.json ]] || ./build.sh Register >/dev/null
./build.sh Score --help >/dev/null
./build.sh Simulate --simulate-rows "$rows" --simulate-seed 5 --simulate-output "$work/input.csv" >/dev/null
dotnet publish src/Pipeline.Serving/Pipeline.Serving.csproj -c Release -o "$work/app" -p:UseAppHost=false -nologo -v quiet >/dev/null
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); input $(du -h "$work/input.csv" | cut -f1)"

/usr/bin/time -v ./build.sh Score --data "$work/input.csv" --output "$work/scored.csv" >"$work/score.out" 2>"$work/score.time" \
  || { cat "$work/score.out" "$work/score.time"; echo "score.sh: Score failed"; exit 1; }
version=$(grep -oP 'with version \K[0-9]+' "$work/score.out" | head -1)
seconds=$(grep -oP 'with version [0-9]+ in \K[0-9.]+' "$work/score.out" | head -1)
peak=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/score.time")
echo "Score: $rows rows in ${seconds} s inside the target ($(python3 -c "print(f'{$rows / $seconds:,.0f}')") rows/s), peak memory of the build process ${peak} MB, input $(du -m "$work/input.csv" | cut -f1) MB"

# The same version as the service: the registry's own version folder.
version_folder=models/registry/ai4i2020/versions/$version
[[ -f $version_folder/model.zip ]] || { echo "score.sh: $version_folder has no model.zip"; exit 1; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$work/app" && exec dotnet Pipeline.Serving.dll --Serving:ModelPath="$OLDPWD/$version_folder" --Serving:Port="$port" \
  --Serving:ListenAddress=127.0.0.1 --Serving:InferenceLogDirectory="$work/log") >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$port/ready" >/dev/null || { tail -20 "$work/server.log"; echo "score.sh: the service did not become ready"; exit 1; }

python3 - "$work/scored.csv" "http://127.0.0.1:$port/predict" "$sample" "$rows" <<'PY'
import csv, json, random, sys, urllib.request
path, url, sample, rows = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
chosen = set(random.Random(18).sample(range(rows), min(sample, rows)))
inputs = ["Type", "Air temperature [K]", "Process temperature [K]", "Rotational speed [rpm]", "Torque [Nm]", "Tool wear [min]"]
checked = differ = 0
with open(path, newline="") as f:
    for i, row in enumerate(csv.DictReader(f)):
        if i not in chosen:
            continue
        record = {k: (row[k] if k == "Type" else float(row[k])) for k in inputs}
        request = urllib.request.Request(url, json.dumps(record).encode(), {"Content-Type": "application/json"})
        answer = json.load(urllib.request.urlopen(request))
        same = float(row["probability"]) == answer["probability"] and (row["label"] == "true") == answer["label"] \
            and all(float(row[f"cause:{c}"]) == p for c, p in (answer.get("causes") or {}).items())
        checked += 1
        differ += 0 if same else 1
        if not same and differ <= 3:
            print(f"  row {i}: Score {row['probability']} {row['label']} vs /predict {answer['probability']} {answer['label']}")
print(f"Score vs /predict on {checked} sampled rows: {differ} differ (goal 0)")
sys.exit(1 if differ or checked == 0 else 0)
PY
