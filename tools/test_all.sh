#!/usr/bin/env bash
# make test: every check of the book, then a summary; exits non-zero if any failed.
# It installs nothing: a missing tool is named, and .ci/run installs it.
#
# After lint, the stages run side by side in four chains, each in one pytest
# process (JOBS=0):
#     build, then reader  |  unit  |  nbval as this machine runs it  |  nbval on the
#     generic code paths
# On two cores this keeps both busy to the end: alone, the build is serial and the
# stages have tails where one core idles. Each stage's output is kept in
# _build/test-logs/<stage>.log and printed whole when the stage ends, so lines of
# different stages do not interleave.
set -uo pipefail
cd "$(dirname "$0")/.."
# Python as a reader runs it: caching bytecode, so each of the ~50 processes (every
# kernel, every pytest) does not recompile nnmath and the tests (this machine's
# environment sets PYTHONDONTWRITEBYTECODE; __pycache__ is git-ignored).
unset PYTHONDONTWRITEBYTECODE
LOGS=_build/test-logs
rm -rf "$LOGS" && mkdir -p "$LOGS"
exec 9>"$LOGS/.print-lock"

# CPU seconds (user + system) of this shell's finished child processes, into $CPU. A
# chain is a subshell, whose counts start at zero, so a stage's CPU time is its own
# even while other stages run; its wall time also depends on what else runs. The
# reader's misses Chromium's own processes, which are not its children: the
# machine's busy time, from /proc/stat, counts everything.
# (`times` must write to a file: in a $(...) subshell it would count nothing.)
cpu_now() {
    local file="$LOGS/.times.$BASHPID"
    times >"$file"
    CPU=$(awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($i, t, "m"); sub("s", "", t[2]);
        s += t[1] * 60 + t[2] } printf "%d", s }' "$file")
}

# stage NAME COMMAND...: run it, log it, print the log, record "passed"/"FAILED".
stage() {
    local name=$1; shift
    local start=$SECONDS cpu0 result
    { flock 9; echo "=== $name: started ($*)"; }
    cpu_now; cpu0=$CPU
    if "$@" >"$LOGS/$name.log" 2>&1; then result=passed; else result=FAILED; fi
    cpu_now
    echo "$result ($((SECONDS - start)) s wall, $((CPU - cpu0)) s CPU)" >"$LOGS/$name.result"
    { flock 9; echo; echo "=== $name: $result: $*"; cat "$LOGS/$name.log"; }
    [ "$result" = passed ]
}

skip() {
    echo "SKIPPED ($2)" >"$LOGS/$1.result"
}

find_chromium() {
    local c
    for c in "${CHROMIUM:-}" chromium chromium-browser google-chrome; do
        [ -n "$c" ] && command -v "$c" >/dev/null 2>&1 && { command -v "$c"; return 0; }
    done
    return 1
}

make_() { make --no-print-directory "$@"; }

# CPU seconds the whole machine has been busy (all cores, all processes), into $BUSY.
busy_now() {
    BUSY=$(awk '/^cpu / { printf "%d", ($2 + $3 + $4 + $7 + $8) / 100 }' /proc/stat 2>/dev/null || echo 0)
}

start=$SECONDS
busy_now; busy0=$BUSY
stage lint make_ lint

chromium=$(find_chromium)
(
    if ! stage build make_ book; then
        skip reader "the build failed"
    elif [ -n "$chromium" ]; then
        CHROMIUM="$chromium" stage reader make_ reader JOBS=0
    elif [ -n "${CI:-}" ]; then
        echo "Chromium is missing and CI must run the reader check (.ci/run installs it)." >&2
        echo "FAILED (no chromium)" >"$LOGS/reader.result"
    else
        skip reader "no chromium"
    fi
) &
(stage unit make_ unit JOBS=0) &
(stage nbval make_ nbval-here JOBS=0) &
(stage nbval-generic make_ nbval-generic JOBS=0) &
wait

names=(lint build unit nbval nbval-generic reader)
busy_now
echo; echo "=== summary: $((SECONDS - start)) s wall in all; the machine's $(getconf _NPROCESSORS_ONLN) CPUs" \
    "were busy $((BUSY - busy0)) s (all processes, Chromium's and other users' included);" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
failed=0 ran=0
for name in "${names[@]}"; do
    result=$(cat "$LOGS/$name.result" 2>/dev/null || echo "FAILED (did not finish)")
    printf '  %-14s %s\n' "$name" "$result"
    case $result in
        SKIPPED*) ;;
        FAILED*) ran=$((ran + 1)); failed=$((failed + 1)) ;;
        *) ran=$((ran + 1)) ;;
    esac
done
if grep -q "no chromium" "$LOGS/reader.result" 2>/dev/null && [ -z "${CI:-}" ]; then
    printf '\n!!!!!!!!\n!!! %s\n!!!!!!!!\n' "SKIPPED: no Chromium found, so the offline reader check did NOT run. Install it (Debian: apt-get install chromium) and run make test again."
fi
echo "stages: $((ran - failed)) passed, $failed failed (logs in $LOGS/)"
[ "$failed" = 0 ]
