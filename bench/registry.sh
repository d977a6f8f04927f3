#!/usr/bin/env bash
# Registry bench: Register, Promote, Models (listing from a fresh handle, cold then warm) and pull of a version, on the
# folder backend and on the OCI backend against Debian's docker-registry (Distribution 2.8) started on 127.0.0.1 for
# this run (or the registry given as REGISTRY=oci+http://host:port/prefix). The peer: `docker push` of the same model
# bytes to the same registry, when a Docker engine is running (else the script says it was not measured, and why).
# Environment: VERSIONS (default 10), MODEL (default: the last trained model, else a 2 MB stand-in).
# Exits non-zero when our side cannot be measured.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
VERSIONS=${VERSIONS:-10}
work="$(mktemp -d)"
registry_pid=""
cleanup() {
    # The registry ends by SIGTERM (status 143); under set -e that must not become the script's own exit status.
    if [[ -n "$registry_pid" ]]; then kill "$registry_pid" 2>/dev/null && wait "$registry_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

model="${MODEL:-}"
if [[ -z "$model" ]]; then
    model=$(ls -t artifacts/*/training/model.zip artifacts/training/model.zip 2>/dev/null | head -1 || true)
fi
if [[ -z "$model" || ! -f "$model" ]]; then
    model="$work/stand-in-model.zip"
    head -c 2000000 /dev/urandom > "$model"
    echo "(no trained model found: a 2,000,000-byte random stand-in is registered; MODEL=path to use another)"
fi
echo "== model: $model ($(stat -c %s "$model") bytes), $VERSIONS versions per backend; load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

if [[ -z "${REGISTRY:-}" ]]; then
    [[ -x /usr/bin/docker-registry ]] || { echo "error: /usr/bin/docker-registry is not installed (apt-get install docker-registry), and no REGISTRY=oci+http://… was given; the OCI backend cannot be measured." >&2; exit 1; }
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    mkdir -p "$work/registry"
    cat > "$work/registry/config.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/registry/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YAML
    /usr/bin/docker-registry serve "$work/registry/config.yml" >"$work/registry/log" 2>&1 &
    registry_pid=$!
    for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null 2>&1 && break; sleep 0.1; done
    curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null || { echo "error: docker-registry did not start:" >&2; cat "$work/registry/log" >&2; exit 1; }
    REGISTRY="oci+http://127.0.0.1:$port/bench"
fi

dotnet build bench/registry/RegistryBench.csproj -c Release -o "$work/bin" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

run() {
    local label="$1" value="$2" out="$work/$1.out"
    mkdir -p "$work/$label"
    if ! dotnet "$work/bin/RegistryBench.dll" "$value" "$model" "$work/$label" "$VERSIONS" >"$out" 2>"$work/$label.err"; then
        echo "error: the $label backend could not be measured: $(cat "$work/$label.err")" >&2
        exit 1
    fi
}
run folder "$work/folder-registry"
run oci "$REGISTRY"

echo
printf '%-14s %14s %14s\n' "operation" "folder (ms)" "OCI (ms)"
printf '%-14s %14s %14s\n' "" "median/total" "median/total"
while read -r op count median total; do
    read -r _ _ omedian ototal < <(grep "^$op " "$work/oci.out")
    printf '%-14s %14s %14s   (%s)\n' "$op" "$median/$total" "$omedian/$ototal" "$count × $( [[ $count == 1 ]] && echo once || echo each)"
done < "$work/folder.out"
echo "  register: a new version (identity lookup, push or copy, claim or lock, version tag or rename, Registered event)"
echo "  promote:  verify the version, then a StageChanged event; models: the listing with $VERSIONS versions from a fresh handle"
echo "  pull:     a fresh handle's local folder of the last version (OCI: downloaded into an empty cache, verified by digest)"

echo
if docker info >/dev/null 2>&1; then
    # The peer: the same bytes as one image layer, pushed to the same registry (docker trusts 127.0.0.1 over HTTP).
    host="${REGISTRY#oci+http://}"; host="${host%%/*}"
    mkdir -p "$work/peer"
    cp "$model" "$work/peer/model.zip"
    printf 'FROM scratch\nCOPY model.zip /model.zip\n' > "$work/peer/Dockerfile"
    docker build -q -t "$host/bench-peer/model:1" "$work/peer" >/dev/null
    start=$(date +%s.%N)
    docker push -q "$host/bench-peer/model:1" >/dev/null
    end=$(date +%s.%N)
    printf 'peer: docker push of the same model bytes (one layer) to the same registry: %.1f ms (our OCI register median above)\n' \
        "$(echo "($end - $start) * 1000" | bc)"
    docker image rm -f "$host/bench-peer/model:1" >/dev/null 2>&1 || true
else
    why=$(docker info 2>&1 | grep -m1 -iE 'cannot connect|not found|error' || true)
    echo "peer: docker push NOT measured: no Docker engine is running here (${why:-docker info failed})."
fi
