# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements-dev.lock pyproject.toml | cksum | cut -d' ' -f1)
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: install run test lint typecheck pytest audit-deps openapi lock bench clean

$(STAMP): requirements-dev.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11+ is needed"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check uv==0.13.9
	$(BIN)/uv pip sync -q --compile-bytecode --python $(BIN)/python requirements-dev.lock
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	rm -f $(VENV)/.installed-*; touch $@

install: $(STAMP)  ## create .venv with the locked dependencies

run: install  ## migrate, load the demo data, serve on http://$(HOST):$(PORT) (docs at /docs)
	$(BIN)/forlop migrate
	$(BIN)/forlop seed --demo
	$(BIN)/forlop serve --host $(HOST) --port $(PORT)

test: install lint typecheck audit-deps pytest  ## ruff, mypy and the whole suite on SQLite and PostgreSQL

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/python -m pytest -n 2 --durations=15

# Known vulnerabilities in the locked pins. A pin with a known vulnerability fails. When the
# vulnerability service cannot be reached (PyPI's per-release JSON or OSV), the step warns and
# passes unless AUDIT_STRICT=1, so an offline machine can still run the suite.
audit-deps: install  ## pip-audit over both lock files
	@$(BIN)/pip-audit -r requirements.lock -r requirements-dev.lock --require-hashes --disable-pip \
		--progress-spinner off > $(VENV)/pip-audit.log 2>&1; rc=$$?; \
	skipped=$$(grep -c "could not be audited" $(VENV)/pip-audit.log); \
	if grep -qE "^Found [0-9]+ known vulnerabilit" $(VENV)/pip-audit.log; then \
		cat $(VENV)/pip-audit.log; exit 1; \
	elif [ $$rc -ne 0 ] || [ "$$skipped" -gt 0 ]; then \
		echo "WARNING: pip-audit could not check every pin ($$skipped skipped, exit $$rc);" \
			"see $(VENV)/pip-audit.log"; \
		[ "$(AUDIT_STRICT)" != "1" ]; \
	else echo "pip-audit: no known vulnerabilities in the locked pins"; fi

openapi: install  ## rewrite openapi/openapi.json from the code
	$(BIN)/python -m app.openapi_file

lock:  ## re-resolve both lock files from pyproject.toml
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -q -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -q -o requirements-dev.lock

clean:
	rm -rf $(VENV) var/*.db*
