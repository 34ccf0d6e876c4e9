# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export PREFECT_HOME ?= $(CURDIR)/.prefect
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: setup run test bench bench-baseline clean

setup: $(STAMP)

# The modules Cython compiles (those whose first line is a `# cython:` directive, see setup.py)
# are rebuilt when their source changes.
COMPILED := $(shell awk 'FNR == 1 && /^\# cython:/ { print FILENAME }' $$(find tasks -name '*.py'))
$(STAMP): pyproject.toml setup.py $(COMPILED)
	@test -x $(PY) || python3 -m venv $(VENV)
	@$(PY) -m pip install -q -e ".[dev]" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
	@$(PY) -m flows.server template     # a migrated Prefect database: a first server start in 6-8 s, not 15
	@touch $(STAMP)

run: setup
	@$(VENV)/bin/baoku demo --lake $(CURDIR)/lake

test: setup
	@$(PY) -m pytest -q

bench: setup
	@$(PY) -m tests.bench

# The marginal cost of this checkout against commit REV's, both run in turns (tests/bench_baseline.py).
REV ?= bdc09f3
bench-baseline: setup
	@$(PY) -m tests.bench_baseline $(REV)

clean:
	@test ! -x $(VENV)/bin/baoku || $(VENV)/bin/baoku server stop
	rm -rf lake .prefect
