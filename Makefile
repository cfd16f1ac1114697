# The book's two commands are `make book` and `make test`; see README.md.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LAB_STAMP := $(VENV)/.lab-installed
LAB_COPY := _build/lab
WORKBOOK := _build/workbook
MATHJAX := tools/web/extra/mathjax/tex-chtml.js
FAVICON := tools/web/extra/favicon.ico
JB_FLAGS := -W -n --keep-going
# pytest-xdist workers for the unit, nbval and reader stages when run alone; `make
# test` runs its stages side by side (tools/test_all.sh), each with JOBS=0 (one process).
JOBS := 2

.PHONY: help setup book test lint unit nbval nbval-here nbval-generic reader outputs lab lab-test workbook pdf clean lock

help:
	@echo "make book     set up .venv if needed, build the HTML book from the stored outputs"
	@echo "make test     set up if needed, then run every test (unit, nbval, strict build, browser)"
	@echo "              (its stages alone: make lint, make unit, make nbval, make reader)"
	@echo "make lab      open working copies of the chapters in JupyterLab ($(LAB_COPY))"
	@echo "make lab-test run every chapter in JupyterLab in headless Chromium"
	@echo "make workbook the chapters with answer cells in place of the solutions ($(WORKBOOK))"
	@echo "make outputs  re-execute the notebook chapters in place (after an intended change)"
	@echo "make pdf      build the book as a PDF through LaTeX"
	@echo "make clean    remove the built book and the execution cache"

setup: $(STAMP) $(MATHJAX) $(FAVICON)

# The virtual environment, the pinned toolchain and nnmath (editable). The chapters
# run in the venv's own kernel, "python3"; no second kernel is registered (one that
# older set-ups registered is removed).
VENV_NEW = py=$$(tools/find_python.sh) || exit 1; \
	if [ ! -x $(BIN)/python ]; then echo "Creating $(VENV) with $$py"; "$$py" -m venv $(VENV); fi; \
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "pip==$$(sed -n 's/^pip==//p' requirements/lock.txt)"; \
	rm -rf $(VENV)/share/jupyter/kernels/nnmath
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements/lock.txt

$(STAMP): pyproject.toml requirements/lock.txt
	@$(VENV_NEW)
	$(PIP_INSTALL) -e ".[book,test,lab]"
	@touch $@ $(LAB_STAMP)

# What JupyterLab needs and no more: no npm, no MathJax, no test toolchain.
$(LAB_STAMP): pyproject.toml requirements/lock.txt
	@$(VENV_NEW)
	$(PIP_INSTALL) -e ".[lab]"
	@touch $@

# MathJax is served by the book itself so that it reads offline.
$(MATHJAX): tools/web/package.json tools/web/package-lock.json
	@command -v npm >/dev/null || { echo "npm (Node.js) is needed once, to fetch MathJax for offline reading: install nodejs and npm, then run make again." >&2; exit 1; }
	npm ci --prefix tools/web --no-audit --no-fund --silent
	rm -rf tools/web/extra && mkdir -p tools/web/extra
	cp -r tools/web/node_modules/mathjax/es5 tools/web/extra/mathjax
	@touch $@

# A browser asks the site's root for /favicon.ico when a page names no icon (the
# index.html that redirects to intro.html does not); the book's icon answers.
$(FAVICON): _static/favicon.png $(MATHJAX) $(STAMP)
	$(BIN)/python -c "from PIL import Image; Image.open('$<').save('$@', sizes=[(16, 16), (32, 32), (64, 64)])"

# The book renders the notebooks' stored outputs, which `make nbval` proves are what
# the code produces; `make outputs` refreshes them after an intended change.
book: setup
	NNMATH_STATIC=1 $(BIN)/jupyter-book build . $(JB_FLAGS)
	@echo; echo "The book is built: open file://$(CURDIR)/_build/html/index.html"

# Every stage, with a summary; each stage is also a target of its own below.
test: $(STAMP)
	@tools/test_all.sh

lint: $(STAMP)
	$(BIN)/ruff check lib tests tools chapters
	$(BIN)/ruff format --check lib tests tools chapters

# The library's tests: they need the Python toolchain only (no npm, no MathJax).
unit: $(STAMP)
	$(BIN)/pytest tests --ignore=tests/book --ignore=tests/lab -q -n $(JOBS)

# Stored outputs are regression tests. They run twice: as this machine runs them, then
# on the generic code paths (OpenBLAS's generic kernel on one thread; NumPy without
# its AVX2/AVX-512 loops), so an output that depends on the CPU fails here, not on a
# reader's machine. Headless runs draw interactive cells as still figures.
# --dist loadfile: a notebook's cells share one kernel, so one worker runs them all.
ifeq ($(shell uname -m),x86_64)
GENERIC_CPU := OPENBLAS_CORETYPE=Prescott NPY_DISABLE_CPU_FEATURES="X86_V3 X86_V4 AVX512_ICL AVX512_SPR"
else
GENERIC_CPU := OPENBLAS_CORETYPE=ARMV8
endif
NBVAL = NNMATH_STATIC=1 $(BIN)/pytest --nbval chapters -q -n $(JOBS) --dist loadfile \
	--nbval-sanitize-with tools/nbval_sanitize.cfg
nbval: nbval-here nbval-generic
nbval-here: $(STAMP)
	@echo "--- nbval under this machine's BLAS kernel"
	$(NBVAL)
nbval-generic: $(STAMP)
	@echo "--- nbval on the generic code paths, one thread"
	$(GENERIC_CPU) OPENBLAS_NUM_THREADS=1 $(NBVAL)

# The browser check reads the built book (make book) in headless Chromium.
reader: $(STAMP)
	$(BIN)/pytest tests/book -q -n $(JOBS)

# Two notebooks at a time (each runs in its own kernel); then the {eval} values that
# JupyterLab shows before a run are stored beside the prose (tools/lab_expressions.py).
outputs: $(STAMP)
	ls chapters/*.ipynb | NNMATH_STATIC=1 xargs -P 2 -n 1 \
	    $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.timeout=120 --ExecutePreprocessor.record_timing=False \
	    --ExecutePreprocessor.kernel_name=python3
	$(BIN)/python tools/lab_expressions.py chapters/*.ipynb

# Lab opens working copies in $(LAB_COPY), so its autosave never touches chapters/:
# a copy is refreshed when its chapter changes, and one the reader had changed is
# first moved to $(LAB_COPY)/edited/ (tools/lab_copy.py says so).
lab: $(LAB_STAMP)
	$(BIN)/python tools/lab_copy.py chapters $(LAB_COPY)
	$(BIN)/python tools/workbook.py chapters $(WORKBOOK)
	$(BIN)/python tools/lab_copy.py $(WORKBOOK) $(LAB_COPY)/workbook
	NNMATH_STATIC= $(BIN)/jupyter lab --notebook-dir=$(LAB_COPY) \
	    $$([ "$$(id -u)" = 0 ] && echo --allow-root)

# The workbook: each chapter with its solutions replaced by an answer cell and a
# call to nm.exercises.check (tools/workbook.py); the chapters stay the source.
workbook: $(LAB_STAMP)
	$(BIN)/python tools/workbook.py chapters $(WORKBOOK)

# Every chapter run in JupyterLab in headless Chromium, on a fresh copy (see
# tests/lab/); then the install cell, simulated offline. Not part of `make test`.
lab-test: $(STAMP)
	$(BIN)/pytest tests/lab -q

pdf: setup
	@tools/build_pdf.sh

clean:
	rm -rf _build

# Regenerate the pinned versions from the ranges in pyproject.toml.
lock:
	rm -rf /tmp/nnmath-lock-venv
	"$$(tools/find_python.sh)" -m venv /tmp/nnmath-lock-venv
	/tmp/nnmath-lock-venv/bin/pip install --quiet -e ".[book,test,lab]"
	{ echo "# Exact versions of the book's toolchain (pip constraints). Regenerate with 'make lock'."; \
	  echo "pip==$$(/tmp/nnmath-lock-venv/bin/pip --version | cut -d' ' -f2)"; \
	  /tmp/nnmath-lock-venv/bin/pip freeze --exclude-editable; } > requirements/lock.txt
