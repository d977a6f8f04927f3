#!/usr/bin/env bash
# Makes a Docker engine answer on the default socket, idempotently:
# installs docker.io (and Debian's docker-registry, which the push test runs) when missing, starts dockerd
# the way this environment allows (no iptables, no bridge, vfs storage), and waits until the engine answers.
# The base image for tests is made by the test run itself (HostRuntimeBaseImage, from this machine's
# .NET runtime, re-imported only when that runtime changes), not here.
set -euo pipefail

log() { echo "docker-engine: $*"; }

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

engine_answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if engine_answers; then
  log "engine already answering (server $(docker version --format '{{.Server.Version}}'))"
  exit 0
fi

if ! pgrep -x dockerd >/dev/null 2>&1; then
  log "starting dockerd (log: /tmp/dockerd.log)"
  # setsid: dockerd must outlive this script and the CI step that called it.
  setsid dockerd --iptables=false --bridge=none --storage-driver=vfs >/tmp/dockerd.log 2>&1 < /dev/null &
fi

for _ in $(seq 1 60); do
  if engine_answers; then
    log "engine answering (server $(docker version --format '{{.Server.Version}}'))"
    exit 0
  fi
  sleep 1
done
log "dockerd did not answer within 60 s; last lines of /tmp/dockerd.log:"
tail -n 20 /tmp/dockerd.log >&2 || true
exit 1
