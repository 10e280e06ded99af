# Two commands on a fresh machine: `make run` and `make test`. Both are idempotent.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
CORPUS_DIR ?= ../shared/corpus
export CORPUS_DIR

.PHONY: run serve test setup install migrate demo lint format bench bench-scale bench-load messages clean score-real \
	backup restore

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

messages: install
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(PY) manage.py compilemessages --ignore=.venv -v0; \
	else echo "msgfmt not found: using the committed .mo files"; fi

migrate: install
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py progress_rebuild -v0 >/dev/null

# The demo: the country's units, the organisations the seed articles name, and the seed
# articles themselves with their figures accepted (skipped with a note if the corpus is absent).
demo: migrate messages
	$(PY) manage.py load_admin_units
	$(PY) manage.py load_organisations fixtures/organisations.json
	$(PY) manage.py import_seed_corpus
	$(PY) manage.py ensure_admin

setup: demo

run: setup
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production: DEBUG off, migrations, static files collected (compressed, hashed names), then
# gunicorn with dashboard/gunicorn.conf.py (workers 2 × cores + 1 unless WEB_CONCURRENCY; logs to
# stdout). Needs SECRET_KEY in the environment, and reads ALLOWED_HOSTS, DATABASE_URL and the
# rest from it (docs/deploy.md). Unlike `make migrate` it does not rebuild the progress table
# (minutes at national scale, and every app server starts with it): the services keep the table
# current, and a backup carries it (`manage.py progress_rebuild` is for rows written around them).
ifneq ($(filter serve,$(MAKECMDGOALS)),)
ifeq ($(strip $(SECRET_KEY)),)
$(error make serve needs SECRET_KEY in the environment: a long random string, the same on every app server, e.g. SECRET_KEY='...' make serve (see docs/deploy.md))
endif
endif

serve: export DEBUG = 0
serve: export DJANGO_REQUIRE_SECRET_KEY = 1
serve: export PORT := $(PORT)
serve: install
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py collectstatic --noinput -v0
	exec $(VENV)/bin/gunicorn -c dashboard/gunicorn.conf.py

test: migrate messages
	$(PY) -m pytest

# The whole database to backups/tdkn-YYYYmmdd-HHMMSS.sqlite3 or .dump (BACKUP_DIR to put it
# elsewhere): SQLite's online backup API or pg_dump --format=custom, readable by its owner only.
backup: install
	$(PY) manage.py backup_database

# `make restore FILE=backups/tdkn-….dump` puts a backup in place of the database. A database
# with data is refused unless REPLACE=1; a damaged file is refused before anything changes.
restore: install
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/tdkn-YYYYmmdd-HHMMSS.dump [REPLACE=1]" >&2; exit 2; }
	$(PY) manage.py restore_database "$(FILE)" $(if $(filter 1 yes true,$(REPLACE)),--replace)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install
	$(PY) bench/extraction.py

# The dashboard at national scale (50,000 organisations, 12 years; several minutes).
bench-scale: install
	$(PY) bench/dashboard_scale.py

# 50 staff browsing and exporting while one imports, through gunicorn with 4 workers, for 60 s, on
# the national-scale PostgreSQL database that `bench/dashboard_scale.py --keep` leaves behind.
LOAD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/bench_scale
bench-load: install
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) bench/load.py --database-url $(LOAD_DATABASE_URL)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache

# The extractor on the real development set (texts present under tests/extraction/realworld/texts).
score-real: install
	$(PY) tests/extraction/realworld/score.py $(ARGS)
