#!/usr/bin/env bash
# Run every check of the book in order and print a summary; exit non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
# Headless runs draw interactive cells once, as still figures (see nnmath.explore).
export NNMATH_STATIC=1
declare -a names results
failed=0

stage() {
    local name=$1; shift
    echo; echo "=== $name: $*"
    local start=$SECONDS
    if "$@"; then results+=("passed ($((SECONDS - start)) s)")
    else results+=("FAILED ($((SECONDS - start)) s)"); failed=$((failed + 1)); fi
    names+=("$name")
}

find_chromium() {
    local c
    for c in "${CHROMIUM:-}" chromium chromium-browser google-chrome; do
        [ -n "$c" ] && command -v "$c" >/dev/null 2>&1 && { command -v "$c"; return 0; }
    done
    return 1
}

stage lint $BIN/ruff check lib tests tools chapters
stage format $BIN/ruff format --check lib tests tools
stage unit $BIN/pytest tests --ignore=tests/book -q
# Two workers: the machine has two cores and each notebook runs in one kernel.
stage nbval $BIN/pytest --nbval chapters -q -n 2 \
    --nbval-sanitize-with tools/nbval_sanitize.cfg
# The reader's own command, so the test builds exactly what `make book` builds.
stage build make --no-print-directory book

browser_note=""
chromium=$(find_chromium)
if [ -z "$chromium" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo; echo "=== installing Debian's chromium for the reader check"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    chromium=$(find_chromium)
fi
if [ "${results[-1]}" != "${results[-1]#FAILED}" ]; then
    echo; echo "=== reader: not run, the build failed"
    names+=(reader); results+=("SKIPPED (the build failed)")
elif [ -n "$chromium" ]; then
    CHROMIUM="$chromium" stage reader $BIN/pytest tests/book -q
elif [ -n "${CI:-}" ]; then
    echo "Chromium is missing and CI must run the reader check." >&2
    names+=(reader); results+=("FAILED (no chromium)"); failed=$((failed + 1))
else
    browser_note="SKIPPED: no Chromium found and it cannot be installed here (needs root and apt-get); the offline reader check did NOT run. Install chromium and run make test again."
    names+=(reader); results+=("SKIPPED (no chromium)")
fi

echo; echo "=== summary"
for i in "${!names[@]}"; do printf '  %-8s %s\n' "${names[$i]}" "${results[$i]}"; done
if [ -n "$browser_note" ]; then
    printf '\n!!!!!!!!\n!!! %s\n!!!!!!!!\n' "$browser_note"
fi
ran=0; for r in "${results[@]}"; do case $r in SKIPPED*) ;; *) ran=$((ran + 1)) ;; esac; done
echo "stages: $((ran - failed)) passed, $failed failed"
[ "$failed" = 0 ]
