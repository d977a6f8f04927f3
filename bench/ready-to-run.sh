# Sourced by the benchmarks (not run). ./build.sh pre-compiles the engine and the data library (ReadyToRun) in the
# background after it compiled the build; the build users run from then on is that one, so a benchmark waits for it.

# wait_for_ready_to_run ROOT: returns once ROOT's background pre-compile, if one is running, has ended.
wait_for_ready_to_run() {
    local pid_file="$1/.nuke/temp/engine-r2r.pid" pid
    while [[ -f "$pid_file" ]] && pid=$(cat "$pid_file" 2>/dev/null) && kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
}
