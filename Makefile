# Two commands for a newcomer:  `make run`  and  `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test setup system-deps lint test-postgres test-celery-e2e

run: setup
	@scripts/run.sh

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

setup: $(STAMP) system-deps

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

system-deps:
	@scripts/install-system-deps.sh

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

# The same suite against PostgreSQL and Redis (started by .ci/run if down).
test-postgres: setup
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/test CELERY_BROKER_URL=redis://127.0.0.1:6379/0 \
	CACHE_URL=redis://127.0.0.1:6379/1 $(BIN)/python -m pytest $(PYTEST_ARGS)

# Real Celery workers and beat on Redis and PostgreSQL: every alert level, two workers without duplicates,
# a worker killed mid-sweep and its message redelivered (about a minute, bounded, cleans up).
test-celery-e2e: setup
	scripts/ci_celery_e2e.sh
