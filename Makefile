# Two commands for a new machine: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The locks say what we run; pyproject.toml's ranges say what we support
# (docs/decisions/0005-locked-install.md). Production installs requirements/production.txt,
# development, tests and CI install requirements/dev.txt. Both come from `make lock`.
LOCK_PROD := requirements/production.txt
LOCK_DEV := requirements/dev.txt
COMPILE := $(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --python-version 3.11 \
	--custom-compile-command "make lock"

.PHONY: run test coverage coverage-report install lint format css demo clean lock upgrade check-lock test-tools

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Everything from the hashed lock, then the project itself with nothing resolved again.
$(STAMP): $(BIN)/python $(LOCK_DEV) pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r $(LOCK_DEV)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --no-index -e .
	touch $(STAMP)

install: $(STAMP)

run: install
	DJANGO_DEBUG=true $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=true $(BIN)/python manage.py import_register --if-empty demo/register.json
	DJANGO_DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

# What the tests need beyond Python (Debian's Chromium, a Java runtime and the Nu HTML
# Checker), installed only when missing, by the same scripts CI uses.
test-tools:
	@bash scripts/install-test-tools.sh

# With COVERAGE=1, under coverage.py (a data file per run, combined by coverage-report): CI runs
# the suite so on SQLite and on PostgreSQL, and the report counts both.
PYTEST := $(if $(COVERAGE),$(BIN)/coverage run --parallel-mode -m pytest,$(BIN)/python -m pytest)

test: install test-tools
	$(PYTEST)

# The runs' coverage data combined, then the report: fails when line coverage falls below the
# floor in pyproject.toml ([tool.coverage.report] fail_under).
coverage-report: install
	$(BIN)/coverage combine
	$(BIN)/coverage report

# The suite under coverage on this machine's database (SQLite unless DATABASE_URL), then the
# report. CI's figure is both databases' runs together (.ci/run).
coverage: install test-tools
	rm -f .coverage .coverage.*
	$(MAKE) test COVERAGE=1
	$(MAKE) coverage-report

# Regenerate both locks from pyproject.toml, keeping every pin that still fits its range.
lock: install
	$(COMPILE) --extra build -o $(LOCK_PROD)
	$(COMPILE) --extra build --extra dev -c $(LOCK_PROD) -o $(LOCK_DEV)

# Move every pin to the newest release inside the ranges, install it, and run the suite.
upgrade: install
	$(COMPILE) --upgrade --extra build -o $(LOCK_PROD)
	$(COMPILE) --upgrade --extra build --extra dev -c $(LOCK_PROD) -o $(LOCK_DEV)
	$(MAKE) test

# Fails when pyproject.toml and the locks disagree (CI runs it).
check-lock: install
	bash scripts/check-lock.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python scripts/check-views.py

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Rebuild the committed GOV.UK Frontend CSS from Sass (needs Node and npm).
css:
	npm ci --no-audit --no-fund
	npm run build:css

clean:
	rm -rf $(VENV) db.sqlite3
