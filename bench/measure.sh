# Shared by bench/validate.sh and bench/drift.sh (sourced, not run): wall time and peak memory of a command, and
# medians over runs. Every function exits the script non-zero when it cannot measure, so a broken run never prints
# a figure.

# measure LABEL COMMAND...: runs COMMAND under /usr/bin/time -v with stdout in $bench_dir/out; prints
# "LABEL  wall s  rss MB" and leaves the figures in $wall and $rss.
measure() {
    local label="$1"; shift
    /usr/bin/time -v "$@" >"$bench_dir/out" 2>"$bench_dir/time" || { cat "$bench_dir/out" "$bench_dir/time"; echo "cannot measure: '$label' failed" >&2; exit 1; }
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$bench_dir/time")
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$bench_dir/time")
    [[ "$wall" =~ ^[0-9.]+$ && "$rss" =~ ^[0-9]+$ ]] || { cat "$bench_dir/time"; echo "cannot measure: no time or memory figure for '$label'" >&2; exit 1; }
    printf '%-62s %7.2f s %7s MB\n' "$label" "$wall" "$rss"
}

# median NUMBER...: the median of the numbers.
median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# require_output PATTERN LABEL: fails the script unless the last measured command printed PATTERN.
require_output() {
    grep -qE "$1" "$bench_dir/out" || { cat "$bench_dir/out"; echo "cannot measure: '$2' did not print /$1/" >&2; exit 1; }
}
