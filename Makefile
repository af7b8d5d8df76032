# Newsroom: `make run` serves the demo site, `make test` runs every check and test.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/newsroom
# make run PORT=8001 serves the demo on another port; links in e-mails follow it.
PORT ?= 8000
# Development and tests run with DEBUG on; production leaves it off (its default) and sets the secrets.
export DEBUG ?= true
PYTEST_ARGS ?=
# Two workers: one per core of the machines we run on.
PYTEST_WORKERS ?= 2

.PHONY: css screenshots run test install install-dev system-packages test-tools messages migrate seed lint deploy-check \
        test-sqlite test-postgres bench clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Debian packages the build and the tests use: gettext compiles translations, chromium is the browser
# Playwright drives, nginx stands in front of the app servers in tests/system/ as in production (deploy/;
# openssl makes its test certificate). nginx lives in /usr/sbin, outside most users' PATH.
system-packages:
	@missing=""; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v nginx >/dev/null || test -x /usr/sbin/nginx || missing="$$missing nginx"; \
	command -v openssl >/dev/null || missing="$$missing openssl"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# The Nu Html Checker and axe-core, from the npm registry (vnu runs on the machine's Java).
tests/tools/node_modules/.installed: tests/tools/package.json tests/tools/package-lock.json
	cd tests/tools && npm ci --no-audit --no-fund --loglevel=error
	touch $@

test-tools: tests/tools/node_modules/.installed

messages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || $(MAKE) system-packages
	$(PY) manage.py compilemessages --ignore=.venv -v0

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo --address http://127.0.0.1:$(PORT)

run: messages seed
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

# The deploy checks under production-like settings must print no warning.
deploy-check: install
	DEBUG=false SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	ALLOWED_HOSTS=news.example.com PUBLISHER_URL=https://news.example.com DATABASE_URL=$(PG_TEST_URL) CACHE_URL=redis://127.0.0.1:6379/1 \
	$(PY) manage.py check --deploy --fail-level WARNING

test-sqlite: install-dev system-packages test-tools messages
	env -u DATABASE_URL -u CACHE_URL $(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

test-postgres: install-dev system-packages test-tools messages
	DATABASE_URL=$(PG_TEST_URL) $(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# The whole suite: on SQLite, then on PostgreSQL (with the real-server tests of tests/system/) when
# PostgreSQL answers at 127.0.0.1:5432. CI (CI=true) and TEST_POSTGRES=1 insist on the PostgreSQL pass.
test: lint deploy-check test-sqlite
	@if [ "$${CI:-}" = "true" ] || [ -n "$${TEST_POSTGRES:-}" ] || pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then \
	  $(MAKE) test-postgres; \
	else echo "PostgreSQL is not running at 127.0.0.1:5432: the PostgreSQL pass is skipped."; fi

# The benchmark at newsroom scale (PostgreSQL, Redis, gunicorn, wrk); BENCH_ARGS=--small to try it quickly.
bench: install-dev
	$(PY) bench/run.py $(BENCH_ARGS)

# The one stylesheet of the reading pages: the Bootstrap rules our templates use, then ours (static/css/site.css;
# newsroom/stylesheet.py). Run after changing either or a template's classes, and commit the result:
# newsroom/tests/test_layout.py fails while it is out of date.
css: $(VENV)/.installed
	$(PY) manage.py build_css

# Screenshots of the main pages at phone and desktop sizes, into docs/screenshots/.
screenshots: install-dev system-packages messages
	$(VENV)/bin/pytest -p no:xdist -q tests/e2e/screenshots.py

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 media
