#!/usr/bin/env bash
# Fault suite (issue 16), bounded in time (≤ 8 min after compiling; KILL_SECONDS, BUILD_ROUNDS, PASSES shorten it).
# Prints, from one run on this machine:
#   1. kill -9 rounds run / registry versions lost or corrupt, during Register, Promote and Rollback (goal 0);
#   2. concurrent builds (pairs of parallel `Register --force` in one checkout, and in two checkouts sharing an OCI
#      registry) / mixed artifacts (goal 0); kill -9 rounds during pushes to the OCI backend / versions lost or
#      corrupt (goal 0) — against a real OCI registry (Debian's docker-registry, started here on a free port);
#   3. malformed inputs tried / unhandled errors: the CSV corpus through validation, the request corpus through the
#      service (goal 0);
#   4. service RSS before / after 30 passes of the request corpus, the service started as the container starts it
#      (published, its runtimeconfig's GC settings) (goal growth < 20 %);
#   5. the peak memory of `./build.sh ValidateData` on a 50 MB single-line CSV (goal < 200 MB), and how much of the
#      line reaches the console and report.json.
# Usage: bench/faults.sh   (env: KILL_SECONDS=60 BUILD_ROUNDS=2 PASSES=30)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d /tmp/bench-faults.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "== compiling (not timed): the build, the killable registry writer, the fault suite, the published service"
dotnet build build/_build.csproj -c Release -nologo -v quiet >/dev/null
dotnet build tests/Pipeline.Modeling.RegistryWriter -nologo -v quiet >/dev/null
dotnet build bench/FaultSuite -nologo -v quiet >/dev/null
dotnet publish src/Pipeline.Serving/Pipeline.Serving.csproj -c Release -o "$work/service" -p:UseAppHost=false -nologo -v quiet >/dev/null
# A real OCI registry for the OCI sections (Debian's docker-registry, as .ci/run installs it).
[[ -x /usr/bin/docker-registry ]] || { echo "bench/faults.sh: /usr/bin/docker-registry is missing (apt-get install docker-registry); the OCI sections cannot run"; exit 1; }
registry_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/oci"
cat > "$work/oci/config.yml" <<EOF
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $work/oci/data}, delete: {enabled: true}}
http: {addr: "127.0.0.1:$registry_port", secret: "faults-$RANDOM$RANDOM"}
EOF
/usr/bin/docker-registry serve "$work/oci/config.yml" >"$work/oci/registry.log" 2>&1 &
registry_pid=$!
trap 'kill $registry_pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$registry_port/v2/" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$registry_port/v2/" >/dev/null || { echo "bench/faults.sh: the OCI registry did not start (see $work/oci/registry.log)"; exit 1; }

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
started=$SECONDS

timeout 420 dotnet bench/FaultSuite/bin/Debug/net10.0/FaultSuite.dll --root "$root" \
  --writer tests/Pipeline.Modeling.RegistryWriter/bin/Debug/net10.0/Pipeline.Modeling.RegistryWriter.dll \
  --build build/bin/Release/net10.0/_build.dll --service "$work/service/Pipeline.Serving.dll" --oci "oci+http://127.0.0.1:$registry_port/faults" \
  --kill-seconds "${KILL_SECONDS:-60}" --build-rounds "${BUILD_ROUNDS:-2}" --passes "${PASSES:-30}" || suite=$?

# The 50 MB line: one data row whose Product ID is 50 MB long, validated in a scratch checkout.
mkdir -p "$work/checkout/.nuke" "$work/checkout/data"
cp data/*.json "$work/checkout/data/"
python3 - "$work/checkout/long-line.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("UDI,Product ID,Type,Air temperature [K],Process temperature [K],Rotational speed [rpm],Torque [Nm],Tool wear [min],Machine failure,TWF,HDF,PWF,OSF,RNF\n")
    f.write("1,M" + "7" * (50 * 1024 * 1024) + ",M,298.1,308.6,1551,42.8,0,0,0,0,0,0,0\n")
PY
(cd "$work/checkout" && /usr/bin/time -v dotnet "$root/build/bin/Release/net10.0/_build.dll" ValidateData --data long-line.csv >"$work/long.out" 2>"$work/long.time") || true
peak=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/long.time")
report=$(find "$work/checkout/artifacts" -name report.json -printf '%s' 2>/dev/null || echo 0)
refused=$(grep -c "longer than" "$work/long.out" || true)
echo "50 MB single-line CSV: peak memory ${peak} MB (goal < 200 MB); console output $(wc -c <"$work/long.out") bytes, report.json ${report:-0} bytes; refused naming the line: $([[ $refused -gt 0 ]] && echo yes || echo NO)"
echo "== fault suite took $((SECONDS - started)) s"
exit "${suite:-0}"
