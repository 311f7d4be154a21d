# The newcomer's commands. Each does all its own set-up: virtual environment, install, database.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test lint bench-rules schema clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 ou plus est nécessaire." if sys.version_info < (3, 11) else 0)'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	@touch $@

run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo "Service sur http://127.0.0.1:$(PORT)/ (administration : /admin/, API : /api/schema/)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed
	$(BIN)/python -m pytest --cov=inscriptions.rules --cov-branch \
		--cov-report=term-missing:skip-covered --cov-fail-under=100 $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy inscriptions
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check

schema: $(VENV)/.installed
	$(BIN)/python manage.py spectacular --file docs/openapi.yaml --validate

bench-rules: $(VENV)/.installed
	$(BIN)/python bench/rules_bench.py

clean:
	rm -rf $(VENV) var
