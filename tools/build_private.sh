#!/usr/bin/env bash
# Build the book into a private folder with its own execution cache and a table of
# contents that includes every chapter present on disk, so several authors can build
# the same checkout at once while chapters are in progress:
#   tools/build_private.sh NAME [CHAPTER ...]
# With CHAPTER arguments (e.g. chapters/relu-family), only those commented-out
# chapters are added, not every one on disk.
set -eo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: tools/build_private.sh NAME}
out=/tmp/nnmath-build-$name
mkdir -p "$out"
sed -e "s|cache: \".jupyter_cache\"|cache: \"$out/jupyter_cache\"|" \
    -e "s|: tools/sphinxext|: $PWD/tools/sphinxext|" _config.yml > "$out/_config.yml"
shift
.venv/bin/python - "$out/_toc.yml" "$@" <<'PY'
import re, sys
from pathlib import Path

import yaml

lines = []
for line in Path("_toc.yml").read_text().splitlines():
    m = re.match(r"(\s*)# (- file: (\S+))$", line)
    wanted = not sys.argv[2:] or m and m.group(3) in sys.argv[2:]
    if m and wanted and any(Path(m.group(3) + ext).exists() for ext in (".ipynb", ".md")):
        line = m.group(1) + m.group(2)
    lines.append(line)
toc = yaml.safe_load("\n".join(lines))
toc["parts"] = [part for part in toc["parts"] if part.get("chapters")]
Path(sys.argv[1]).write_text(yaml.safe_dump(toc, sort_keys=False))
PY
NNMATH_STATIC=1 .venv/bin/jupyter-book build . -W -n --keep-going \
    --config "$out/_config.yml" --toc "$out/_toc.yml" --path-output "$out"
echo "built: $out/_build/html/intro.html"
