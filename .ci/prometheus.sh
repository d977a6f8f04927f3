#!/usr/bin/env bash
# Issue 18 (live drift in Prometheus): Debian's Prometheus scrapes the container the local Deploy started, with the
# configuration and rules Deploy wrote into artifacts/<dataset>/monitoring/ (the ci profile sets a short `for:` and
# scrape interval); hot-ambient traffic is sent; the PipelineFeatureDrift alert must be seen firing within a bounded time.
# Usage: .ci/prometheus.sh [dataset]   (env: SERVICE_PORT=18080, the Deploy's --service-port; FIRE_WITHIN=180 seconds)
set -euo pipefail
cd "$(dirname "$0")/.."
dataset=${1:-ai4i2020}
service_port=${SERVICE_PORT:-18080}
fire_within=${FIRE_WITHIN:-180}

if ! command -v prometheus >/dev/null 2>&1 || ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus-alertmanager >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus prometheus-alertmanager >/dev/null
fi
# The packages start their own services (9090, 9093) where systemd runs; this check starts its own Prometheus.
systemctl stop prometheus prometheus-alertmanager >/dev/null 2>&1 || true

monitoring=artifacts/$dataset/monitoring
[[ -f $monitoring/prometheus.yml ]] || { echo "prometheus.sh: $monitoring/prometheus.yml is missing; run ./build.sh Deploy --environment local first" >&2; exit 1; }
promtool check config "$monitoring/prometheus.yml"

url=""
for port in $service_port $((service_port + 1)); do
  if curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1; then url="http://127.0.0.1:$port"; fi
done
[[ -n $url ]] || { echo "prometheus.sh: no deployed container answers /ready on $service_port or $((service_port + 1))" >&2; exit 1; }
grep -q "${url#http://}" "$monitoring/prometheus.yml" || { echo "prometheus.sh: $monitoring/prometheus.yml does not scrape the deployed $url" >&2; exit 1; }
metrics=$(curl -fs "$url/metrics")
grep -q '^pipeline_live_drift_window_capacity [1-9]' <<<"$metrics" \
  || { echo "prometheus.sh: $url/metrics has no live-drift window: the served version has no live-drift-bins.json (register it again)" >&2; exit 1; }

work=$(mktemp -d)
prometheus_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
prometheus --config.file="$monitoring/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$prometheus_port" >"$work/prometheus.log" 2>&1 &
prometheus_pid=$!
trap 'kill $prometheus_pid 2>/dev/null || true; wait $prometheus_pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$prometheus_port/-/ready" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$prometheus_port/-/ready" >/dev/null || { tail -20 "$work/prometheus.log"; exit 1; }

./build.sh Simulate --dataset "$dataset" --simulate-scenario hot-ambient --simulate-seed 13 --simulate-rows 2000 --simulate-output "$work/hot-ambient.csv" >/dev/null
started=$(date +%s)
python3 - "$url" "$work/hot-ambient.csv" <<'PY'
import csv, json, sys, urllib.request
schema = json.load(urllib.request.urlopen(sys.argv[1] + "/model"))["inputExample"]
example = schema[0] if isinstance(schema, list) else schema
def value(name, text):
    return text if isinstance(example[name], str) else float(text)
rows = [{k: value(k, r[k]) for k in example} for r in csv.DictReader(open(sys.argv[2]))]
for i in range(0, len(rows), 250):
    request = urllib.request.Request(sys.argv[1] + "/predict", json.dumps(rows[i:i + 250]).encode(), {"Content-Type": "application/json"})
    urllib.request.urlopen(request).read()
print(f"prometheus.sh: posted {len(rows)} hot-ambient records to {sys.argv[1]}")
PY

while true; do
  firing=$(curl -fs "http://127.0.0.1:$prometheus_port/api/v1/alerts" | python3 -c '
import json, sys
alerts = json.load(sys.stdin)["data"]["alerts"]
print(", ".join(sorted({a["labels"].get("feature", "?") for a in alerts if a["labels"]["alertname"] == "PipelineFeatureDrift" and a["state"] == "firing"})))')
  elapsed=$(( $(date +%s) - started ))
  if [[ -n $firing ]]; then
    echo "prometheus.sh: PipelineFeatureDrift firing after ${elapsed}s for: $firing"
    exit 0
  fi
  if (( elapsed > fire_within )); then
    echo "prometheus.sh: PipelineFeatureDrift did not fire within ${fire_within}s of hot-ambient traffic; Prometheus saw:" >&2
    curl -fs "http://127.0.0.1:$prometheus_port/api/v1/query?query=pipeline_feature_psi" >&2 || true
    exit 1
  fi
  sleep 2
done
