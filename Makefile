# The newcomer's commands. Each does all its own set-up: virtual environment, install, database.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=
# `make bench BENCH_ARGS="--duration 300 --users 400"` for a longer run (see bench/*.py --help).
BENCH_ARGS ?=
BENCH_DOCUMENTS ?= 10000
# The office benchmark's dossiers: generated once into their own database, then reused.
BENCH_DOSSIERS ?= 1000000

.PHONY: run test lint bench bench-office bench-rules schema clean

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
	@# The periodic jobs' scheduler beside the server, stopped with it.
	$(BIN)/python manage.py run_scheduler & scheduler=$$!; \
		trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
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

$(VENV)/.bench-installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev,bench]"
	@touch $@

# The benchmark suite (never part of the tests nor of CI): the load test against a
# production-like deployment on this machine (its own PostgreSQL database, created anew), the
# PDF, the password hashes, the exam office at a million dossiers. Results: bench/results/summary.json and summary.md.
bench: $(VENV)/.bench-installed
	@pg_isready -q -h 127.0.0.1 -p 5432 || { \
		pg_ctlcluster --skip-systemctl-redirect "$$(ls /etc/postgresql | head -n 1)" main start; \
		for _ in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; }
	$(BIN)/python bench/registration_bench.py $(BENCH_ARGS)
	$(BIN)/python bench/pdf_bench.py --documents $(BENCH_DOCUMENTS) --summary
	$(BIN)/python bench/passwords_bench.py
	$(BIN)/python bench/office_bench.py --dossiers $(BENCH_DOSSIERS)
	$(BIN)/python bench/summary.py

# The exam office at a million dossiers alone (the first run generates them: about 40 minutes).
bench-office: $(VENV)/.bench-installed
	$(BIN)/python bench/office_bench.py --dossiers $(BENCH_DOSSIERS)

bench-rules: $(VENV)/.installed
	$(BIN)/python bench/rules_bench.py

clean:
	rm -rf $(VENV) var
