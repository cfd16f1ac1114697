#!/usr/bin/env bash
# make test: every check of the book in order, then a summary; exits non-zero if any
# failed. It installs nothing: a missing tool is named, and .ci/run installs it.
set -uo pipefail
cd "$(dirname "$0")/.."
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

echo; echo "=== summary"
for i in "${!names[@]}"; do printf '  %-8s %s\n' "${names[$i]}" "${results[$i]}"; done
[ -z "$note" ] || printf '\n!!!!!!!!\n!!! %s\n!!!!!!!!\n' "$note"
ran=0; for r in "${results[@]}"; do case $r in SKIPPED*) ;; *) ran=$((ran + 1)) ;; esac; done
echo "stages: $((ran - failed)) passed, $failed failed"
[ "$failed" = 0 ]
