# Cocreate: `make run` serves the demo community, `make test` runs every check. Both install what they need.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := python3
PY := .venv/bin/python
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
VENDOR := src/cocreate/static/vendor
# Settings refuse to start without a strong key: local targets use a random one kept in the data directory
# (bin/secret-key creates it once and prints its path); SECRET_KEY from the environment or .env wins.
ifndef SECRET_KEY_FILE
export SECRET_KEY_FILE := $(shell bin/secret-key)
endif

.PHONY: install run run-scaled bench test test-fast lint audit format migrate seed e2e clean chromium

install: .venv/.installed $(VENDOR)/.installed

.venv/.installed: pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen --quiet
	@touch $@

# Front-end packages come from the npm registry and are copied into static files, never committed.
$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	mkdir -p $(VENDOR)
	cp node_modules/@picocss/pico/css/pico.min.css $(VENDOR)/pico.min.css
	cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/dist/chart.umd.min.js.map $(VENDOR)/
	@touch $@

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo --if-empty

run: install
	bin/run

# Scaled-out mode on this machine: PostgreSQL and Redis on 127.0.0.1, several app processes and task workers.
run-scaled: install
	DATABASE_URL="$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/cocreate}" \
	REDIS_URL="$${REDIS_URL:-redis://127.0.0.1:6379/0}" \
	WEB_CONCURRENCY="$${WEB_CONCURRENCY:-4}" TASK_WORKERS="$${TASK_WORKERS:-2}" bin/run

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy src/cocreate/*/services.py src/cocreate/*/selectors.py src/cocreate/*/rules.py
	PYTHONPATH=src .venv/bin/lint-imports --no-cache
	.venv/bin/deptry src
	$(PY) manage.py makemigrations --check --dry-run >/dev/null

# Known vulnerabilities in the locked Python and npm packages (bin/audit.py; exceptions in audit-allowlist.toml).
# Passes with a clear message when the advisory service cannot be reached; AUDIT_STRICT=1 makes that fail.
audit: install
	$(PY) bin/audit.py

# Every check: lint, migrations, the dependency audit, the whole suite (browser tests included) in parallel.
test: lint audit chromium
	.venv/bin/pytest -n auto -p no:cacheprovider

test-fast: install
	.venv/bin/pytest -n auto -m "not e2e"

e2e: install chromium
	.venv/bin/pytest -m e2e

# Browser tests drive Debian's Chromium; install it when it is missing and we may (root with apt).
chromium:
	@test -x /usr/bin/chromium || { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null); } || \
		echo "Chromium is missing: browser tests will fail. Install Debian's chromium package."

# The quick benchmark set (a few minutes): load scenarios in both modes against same-run baselines, plus the
# method-quality checks that exist. Results land in benchmarks/results/. See benchmarks/README.md.
bench: install
	$(UV) sync --frozen --quiet --group bench
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; }
	$(PY) benchmarks/load.py --quick
	$(PY) benchmarks/fanout.py
	@[ -d ../shared/data/polis ] && $(PY) benchmarks/polis_replay.py --limit 1500 || true
	$(PY) benchmarks/memory.py --duration 20
	@for f in benchmarks/pairwise_quality.py; do [ -f $$f ] && $(PY) $$f --items 200 --seed 1 || true; done
	@[ -f benchmarks/opinion_quality.py ] && $(PY) benchmarks/opinion_quality.py ../shared/data/polis/*/ || true

format: install
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

clean:
	rm -rf .venv node_modules $(VENDOR) var/static
