# Two commands for a fresh clone: `make run` (demo at http://127.0.0.1:8000/) and `make test`.
# `make run PORT=8300 HOST=0.0.0.0` serves elsewhere; SITE_URL follows, so the links in the
# emails the demo sends (password resets, reports ready) point where it serves.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test lint format check-system install demo worker clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required; found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(INSTALLED): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(INSTALLED)

install: $(INSTALLED) check-system

check-system: $(INSTALLED)
	@$(BIN)/python scripts/check_system.py

run: install
	DEBUG=true $(BIN)/python manage.py migrate --no-input
	DEBUG=true SITE_URL=$(SITE_URL) $(BIN)/python manage.py loaddemo
	@echo "Serving the demo at $(SITE_URL)/ (another port: make run PORT=8300)"
	DEBUG=true SITE_URL=$(SITE_URL) $(BIN)/python manage.py runserver $(HOST):$(PORT)

demo: install
	DEBUG=true $(BIN)/python manage.py migrate --no-input
	DEBUG=true $(BIN)/python manage.py loaddemo

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

worker: install
	$(BIN)/celery -A lscb worker --loglevel=info

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache
