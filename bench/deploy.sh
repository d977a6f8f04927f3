#!/usr/bin/env bash
# Deploy bench (issue 17): in a fresh clone of this checkout's HEAD, with the package cache warm,
#   (a) fresh clone → a deployed, answering container: `./build.sh Deploy --environment local --base-image host-runtime`
#       (compile of build/, ValidateData → Train → Evaluate → Register → Containerize → Deploy), then a /predict; goal < 60 s;
#   (b) a training change (models/ai4i2020/training.json: fewer boosting iterations), retrained, registered and promoted,
#       then a second Deploy (the model is the only new image layer); goal < 15 s;
# each beside the Docker engine's own time in the same run: `docker build` (classic builder, as the engine API's default)
# of the same context and Dockerfile (the Containerize folder's Dockerfile, publish/ and the served version folder),
# without the cache for (a), with it for (b). Exits non-zero when it cannot measure (no engine, a step failed).
# Environment: KEEP=1 keeps the clone, its containers and images (for a look afterwards).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

docker version --format '{{.Server.Version}}' >/dev/null 2>&1 \
    || { echo "deploy.sh: no Docker engine answers (run .ci/docker-engine.sh); nothing measured." >&2; exit 1; }

work="$(mktemp -d /tmp/bench-deploy.XXXXXX)"
name="pipeline-bench-deploy-$$"
port=$(python3 -c '
import socket
for _ in range(50):
    a = socket.socket(); a.bind(("127.0.0.1", 0)); p = a.getsockname()[1]
    try:
        b = socket.socket(); b.bind(("127.0.0.1", p + 1)); b.close(); a.close(); print(p); break
    except OSError:
        a.close()
')
cleanup() {
    local status=$?
    if ((status != 0)); then for log in "$work"/*.log; do [[ -f "$log" ]] && { echo "--- $log"; tail -n 15 "$log"; }; done >&2; fi
    if [[ -z "${KEEP:-}" ]]; then
        # Only what this run made: the service's containers (labelled with its unique name) and images of that name.
        docker ps -aq --filter "label=pipeline.service=$name" | xargs -r docker rm -f >/dev/null 2>&1 || true
        docker images -q "$name" | sort -u | xargs -r docker rmi -f >/dev/null 2>&1 || true
        docker images -q "$name-peer" | sort -u | xargs -r docker rmi -f >/dev/null 2>&1 || true
        rm -rf "$work"
    else
        echo "kept: $work/clone, containers labelled pipeline.service=$name, images $name and $name-peer"
    fi
    exit "$status"
}
trap cleanup EXIT

seconds() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.1f", (e - s) / 1e9 }'; }
# A target's duration from the build's summary table (m:ss.fff), in seconds.
target_seconds() { awk -v t="$1" '$1 == t && $2 == "Succeeded" { split($3, a, ":"); printf "%.1f", a[1] * 60 + a[2] }' "$2"; }
answering_url() {
    for p in "$port" $((port + 1)); do
        if curl -fs "http://127.0.0.1:$p/ready" >/dev/null 2>&1; then echo "http://127.0.0.1:$p"; return; fi
    done
    return 1
}
predict() {
    local url example
    url="$(answering_url)" || { echo "deploy.sh: no container of $name answers /ready on $port or $((port + 1))" >&2; return 1; }
    example=$(curl -fs "$url/model" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["inputExample"]))')
    curl -fs -X POST -H 'Content-Type: application/json' -d "$example" "$url/predict" \
        | python3 -c 'import json,sys; r=json.load(sys.stdin); r=r[0] if isinstance(r,list) else r; print("model %s, probability %.4f" % (r["modelVersion"], r["probability"]))'
}
# `docker build` of the context Containerize streamed: its Dockerfile, the published service, the served version folder.
peer_build() {
    local clone="$1" version="$2" context="$work/peer-context" start end
    rm -rf "$context"
    mkdir -p "$context"
    cp "$clone/artifacts/ai4i2020/containerize/Dockerfile" "$context/"
    cp -r "$clone/artifacts/ai4i2020/containerize/publish" "$context/app"
    cp -r "$clone/models/registry/ai4i2020/versions/$version" "$context/model"
    start=$(date +%s%N)
    # The classic builder, as the engine API uses; its deprecation notice is not an error.
    DOCKER_BUILDKIT=0 docker build -q "${@:3}" -t "$name-peer:$version" "$context" 2> >(grep -v "DEPRECATED\|BuildKit is currently disabled\|environment-variable\|^$" >&2) >/dev/null
    end=$(date +%s%N)
    seconds "$start" "$end"
}
served_version() { docker inspect --format '{{ index .Config.Labels "pipeline.model.version" }}' "$(docker ps -q --filter "label=pipeline.service=$name" | head -1)"; }

echo "== deploy bench: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); clone of $(git rev-parse --short HEAD) in $work/clone; image $name; ports $port/$((port + 1))"
git clone -q "$root" "$work/clone"
cd "$work/clone"

echo
echo "== (a) fresh clone → deployed, answering container (goal < 60 s)"
start=$(date +%s%N)
if ! ./build.sh Deploy --environment local --base-image host-runtime --image-name "$name" --service-port "$port" --verbosity verbose >"$work/first.log" 2>&1; then
    tail -n 40 "$work/first.log" >&2; echo "deploy.sh: the first Deploy failed (log above)" >&2; exit 1
fi
answer="$(predict)"
end=$(date +%s%N)
first_wall=$(seconds "$start" "$end")
compile=$(sed -n 's/^Compiled in \([0-9]*\) s\./\1/p' "$work/first.log")
publish=$(sed -n 's/.*Published Pipeline.Serving.csproj in \([0-9.]*\) s\./\1/p' "$work/first.log" | tail -1)
engine=$(sed -n 's/.*The engine built .* in \([0-9.]*\) s .*/\1/p' "$work/first.log" | tail -1)
echo "ours:  ${first_wall} s wall to a /predict answer ($answer)"
echo "       compile of build/ ${compile:-?} s; ValidateData $(target_seconds ValidateData "$work/first.log") s, Train $(target_seconds Train "$work/first.log") s, Evaluate $(target_seconds Evaluate "$work/first.log") s, Register $(target_seconds Register "$work/first.log") s"
echo "       Containerize $(target_seconds Containerize "$work/first.log") s (publish ${publish:-0} s, engine build ${engine:-?} s), Deploy $(target_seconds Deploy "$work/first.log") s"
version=$(served_version)
echo "peer:  docker build --no-cache of the same context and Dockerfile: $(peer_build "$work/clone" "$version" --no-cache) s (the engine's own time for a cold build)"

echo
echo "== (b) training change → retrain, register, promote; then a second Deploy (goal < 15 s)"
sed -i 's/"numberOfIterations": 300/"numberOfIterations": 280/' models/ai4i2020/training.json
start=$(date +%s%N)
# The changed model's metrics are a new snapshot to accept (as a data scientist would after an intended change).
if ! ./build.sh Evaluate >"$work/evaluate.log" 2>&1; then
    ./build.sh AcceptMetrics >>"$work/evaluate.log" 2>&1 || { tail -n 30 "$work/evaluate.log" >&2; exit 1; }
fi
./build.sh Register >"$work/register.log" 2>&1 || { tail -n 30 "$work/register.log" >&2; exit 1; }
new=$(ls models/registry/ai4i2020/versions | sort -n | tail -1)
./build.sh Promote --model-version "$new" >"$work/promote.log" 2>&1 || { tail -n 30 "$work/promote.log" >&2; exit 1; }
end=$(date +%s%N)
retrain_wall=$(seconds "$start" "$end")
start=$(date +%s%N)
if ! ./build.sh Deploy --environment local --base-image host-runtime --image-name "$name" --service-port "$port" --verbosity verbose \
    --skip ValidateData Train Evaluate Register >"$work/second.log" 2>&1; then
    tail -n 40 "$work/second.log" >&2; echo "deploy.sh: the second Deploy failed (log above)" >&2; exit 1
fi
answer="$(predict)"
end=$(date +%s%N)
second_wall=$(seconds "$start" "$end")
engine=$(sed -n 's/.*The engine built .* in \([0-9.]*\) s .*/\1/p' "$work/second.log" | tail -1)
grep -q "sources are unchanged" "$work/second.log" && publish="skipped (service sources unchanged)" || publish="ran"
echo "ours:  retrain + register + promote version $new: ${retrain_wall} s; then the second Deploy: ${second_wall} s wall to a /predict answer ($answer)"
echo "       Containerize $(target_seconds Containerize "$work/second.log") s (publish $publish, engine build ${engine:-?} s), Deploy $(target_seconds Deploy "$work/second.log") s"
[[ "$(served_version)" == "$new" ]] || { echo "deploy.sh: the second Deploy does not serve version $new" >&2; exit 1; }
echo "peer:  docker build (cache on: base and service layers from the peer's build in (a)) of the same context and Dockerfile: $(peer_build "$work/clone" "$new") s"
