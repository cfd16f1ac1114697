#!/usr/bin/env bash
# Build the whole book as a PDF through LaTeX (XeLaTeX + latexmk): make pdf
set -eo pipefail
cd "$(dirname "$0")/.."
PACKAGES="texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended texlive-fonts-extra texlive-xetex latexmk xindy fonts-freefont-otf tex-gyre"
missing=()
for tool in xelatex latexmk; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Installing Debian's LaTeX packages for the PDF (${missing[*]} missing)"
        apt-get update -qq
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null
    else
        echo "make pdf needs LaTeX (${missing[*]} not found). On Debian/Ubuntu: sudo apt-get install $PACKAGES" >&2
        exit 1
    fi
fi
# BOOK_OUT (default: here) holds _build/; extra arguments go to jupyter-book.
out=${BOOK_OUT:-.}
NNMATH_STATIC=1 .venv/bin/jupyter-book build . --builder pdflatex -W -n --keep-going \
    --path-output "$out" "$@"
pdf=$out/_build/latex/book.pdf
[ -s "$pdf" ] || { echo "LaTeX ran but produced no PDF; see $out/_build/latex/book.log" >&2; exit 1; }
echo "The PDF is built: $(realpath "$pdf")"
