# Two commands for a new machine: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install lint format css demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	DJANGO_DEBUG=true $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=true $(BIN)/python manage.py import_register --if-empty demo/register.json
	DJANGO_DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Rebuild the committed GOV.UK Frontend CSS from Sass (needs Node and npm).
css:
	npm ci --no-audit --no-fund
	npm run build:css

clean:
	rm -rf $(VENV) db.sqlite3
