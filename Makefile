# The two commands: `make demo` and `make test`. Only python3 and make are assumed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO   := examples/demo-project

.PHONY: demo test lint typecheck unit docs tools clean fuzz

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.demo-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.demo-installed

## demo: scan the bundled example project; terminal summary plus reports/demo.{html,sarif,json}
## (secplan's own state for the demo lives in .demo-home/, not in your home directory)
demo: export SECPLAN_HOME := $(CURDIR)/.demo-home
demo: $(VENV)/.demo-installed
	$(BIN)/python $(DEMO)/train.py
	$(BIN)/secplan vulndb import examples/vulndb
	@mkdir -p reports
	@# exit 1 means "findings at or above --fail-on": expected for the demo project
	$(BIN)/secplan scan $(DEMO) --report reports/demo.html --report reports/demo.sarif \
		--report reports/demo.json; rc=$$?; [ $$rc -le 1 ] || exit $$rc
	@echo "reports written: reports/demo.html reports/demo.sarif reports/demo.json"

## test: lint, type-check and run the test suite
test: $(VENV)/.dev-installed tools lint typecheck unit

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check src tests scripts examples benchmarks
	$(BIN)/ruff format --check src tests scripts examples benchmarks

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy --strict src

unit: $(VENV)/.dev-installed
	$(BIN)/pytest

tools:
	@sh scripts/ensure-system-packages.sh

## fuzz: run every fuzzing harness under tests/fuzz for FUZZ_SECONDS seconds each (`make test`
## runs them briefly); an input that crashes, hangs or exhausts memory is saved under
## tests/fuzz/regressions/<group>/ and replayed by the test suite from then on
FUZZ_SECONDS ?= 60
fuzz: $(VENV)/.dev-installed
	SECPLAN_FUZZ_SECONDS=$(FUZZ_SECONDS) $(BIN)/pytest tests/fuzz -p no:cacheprovider -q -s

## docs: regenerate docs/rules.md and docs/controls.md from the rule and control metadata
docs: $(VENV)/.demo-installed
	$(BIN)/secplan rules --format markdown > docs/rules.md
	$(BIN)/secplan controls --format markdown > docs/controls.md

clean:
	rm -rf $(VENV) reports .pytest_cache .mypy_cache .ruff_cache .hypothesis
