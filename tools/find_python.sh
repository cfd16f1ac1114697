#!/usr/bin/env bash
# Print the first Python >= 3.11 on PATH; otherwise say in one line what to install.
for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
        "$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        command -v "$candidate"
        exit 0
    fi
done
echo "This book needs Python 3.11 or newer with venv: install it (e.g. 'apt-get install python3.11 python3.11-venv', or from python.org), then run make again." >&2
exit 1
