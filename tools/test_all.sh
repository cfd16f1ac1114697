#!/usr/bin/env bash
# make test: every check of the book in order, then a summary; exits non-zero if any
# failed. It installs nothing: a missing tool is named, and .ci/run installs it.
set -uo pipefail
cd "$(dirname "$0")/.."
declare -a names results
failed=0

# CPU seconds (user + system) of the finished child processes so far, into $CPU.
# A stage's CPU time is what it costs; its wall time also depends on what else the
# machine is doing.
cpu_file=$(mktemp)
trap 'rm -f "$cpu_file"' EXIT
cpu_now() {
    times >"$cpu_file"
    CPU=$(awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($i, t, "m"); sub("s", "", t[2]);
        s += t[1] * 60 + t[2] } printf "%d", s }' "$cpu_file")
}

stage() {
    local name=$1; shift
    echo; echo "=== $name: $*"
    local start=$SECONDS cpu0
    cpu_now; cpu0=$CPU
    if "$@"; then local result=passed; else local result=FAILED; failed=$((failed + 1)); fi
    cpu_now
    results+=("$result ($((SECONDS - start)) s wall, $((CPU - cpu0)) s CPU)")
    names+=("$name")
}

skip() {
    names+=("$1"); results+=("SKIPPED ($2)")
}

find_chromium() {
    local c
    for c in "${CHROMIUM:-}" chromium chromium-browser google-chrome; do
        [ -n "$c" ] && command -v "$c" >/dev/null 2>&1 && { command -v "$c"; return 0; }
    done
    return 1
}

make_() { make --no-print-directory "$@"; }

stage lint make_ lint
stage unit make_ unit
stage nbval make_ nbval
stage build make_ book

note=""
chromium=$(find_chromium)
if [ "${results[-1]}" != "${results[-1]#FAILED}" ]; then
    echo; echo "=== reader: not run, the build failed"
    skip reader "the build failed"
elif [ -n "$chromium" ]; then
    CHROMIUM="$chromium" stage reader make_ reader
elif [ -n "${CI:-}" ]; then
    echo "Chromium is missing and CI must run the reader check (.ci/run installs it)." >&2
    names+=(reader); results+=("FAILED (no chromium)"); failed=$((failed + 1))
else
    note="SKIPPED: no Chromium found, so the offline reader check did NOT run. Install it (Debian: apt-get install chromium) and run make test again."
    skip reader "no chromium"
fi

echo; echo "=== summary ($(getconf _NPROCESSORS_ONLN) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown))"
for i in "${!names[@]}"; do printf '  %-8s %s\n' "${names[$i]}" "${results[$i]}"; done
[ -z "$note" ] || printf '\n!!!!!!!!\n!!! %s\n!!!!!!!!\n' "$note"
ran=0; for r in "${results[@]}"; do case $r in SKIPPED*) ;; *) ran=$((ran + 1)) ;; esac; done
echo "stages: $((ran - failed)) passed, $failed failed"
[ "$failed" = 0 ]
