# Koran Digital: `make run` sets everything up and serves the demo edition;
# `make test` runs the tests. See README.md.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup test bench system venv messages demo clean worker

run: setup
	@cat var/demo-logins.txt
	$(MANAGE) runserver $(HOST):$(PORT)

setup: venv .env messages
	$(MANAGE) migrate --no-input
	$(MANAGE) collectstatic --no-input --verbosity 0
	LOG_LEVEL=WARNING $(MANAGE) load_demo

system:
	@scripts/check-system

venv: system $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@python=$$(scripts/find-python) && echo "Using $$python ($$($$python --version))" && \
	  test -x $(PY) || $$python -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@

.env:
	@scripts/write-dev-env > .env
	@echo "Wrote .env for development (KORAN_ENV=development)."

# Compiling messages needs no database or secret, so it runs with the
# development defaults even before .env exists (make test on a fresh clone).
messages: venv
	KORAN_ENV=development $(MANAGE) compilemessages --ignore=.venv --ignore=node_modules --verbosity 0

test: venv messages
	$(PY) -m pytest $(PYTEST_ARGS)

bench: venv messages
	$(PY) benchmarks/run.py

worker: venv
	$(VENV)/bin/celery -A prokopim worker --loglevel=INFO --concurrency=2

clean:
	rm -rf $(VENV) var .env
