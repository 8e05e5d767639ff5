# Two commands do everything on a fresh machine with only Python 3.11+:
#   make run   set up, load the demo and serve it on http://127.0.0.1:8000
#   make test  set up and run every test, browser tests included
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PYTEST_ARGS ?=

.PHONY: run test lint check messages browser install install-dev clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Compile translations with Babel (pure Python: no GNU gettext needed to run).
messages: $(VENV)/.installed
	$(BIN)/pybabel -q compile --statistics -d locale -D django

# One task worker (messages are sent outside the web request) runs beside the
# server and is stopped with it; its log is var/worker.log.
run: install messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@mkdir -p var; \
	$(PY) manage.py db_worker --no-reload --interval 2 >var/worker.log 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	sleep 2; \
	if kill -0 $$worker 2>/dev/null; then \
		echo "Task worker: running (pid $$worker), log in var/worker.log"; \
	else \
		echo "Task worker: NOT running, messages will wait. See var/worker.log" >&2; \
	fi; \
	$(PY) manage.py runserver 127.0.0.1:8000

# A Chromium for the browser tests: Debian's headless shell (Chromium's engine
# built for automation, lighter than the full browser run headless) when we are
# root and it is missing, with GNU gettext for the translation check and a CJK
# font; otherwise Debian's full Chromium if installed, or Playwright's own
# download. No browser is a failure, never a skip.
browser: $(VENV)/.installed-dev
	@if [ -x /usr/bin/chromium-headless-shell ] && command -v xgettext >/dev/null && fc-list 2>/dev/null | grep -qi "noto.*cjk"; then \
		echo "Chromium: /usr/bin/chromium-headless-shell"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell gettext fonts-noto-cjk >/dev/null; \
	elif [ ! -x /usr/bin/chromium-headless-shell ] && [ ! -x /usr/bin/chromium ]; then \
		$(BIN)/playwright install chromium || { echo "ERROR: no Chromium for the browser tests. Install Debian's chromium-headless-shell package or run '$(BIN)/playwright install chromium'." >&2; exit 1; }; \
	fi

lint: $(VENV)/.installed-dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

check: $(VENV)/.installed-dev messages
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run

# Two workers on two cores; a worker that runs out of tests takes some from the
# other's queue (worksteal), so both finish together and a module's tests mostly
# stay on one worker (its data built once).
test: install-dev messages browser lint check
	$(BIN)/pytest -n 2 --dist worksteal $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) var static_collected

# The federation dashboard at federation scale (bench/README.md): on SQLite in
# /tmp (never var/), then on PostgreSQL too when DATABASE_URL points at one.
# Generating the data takes a few minutes the first time; BENCH_ARGS="--scale
# 0.01" for a quick run.
BENCH_SQLITE ?= sqlite:////tmp/lms-bench.sqlite3
BENCH_ARGS ?=
.PHONY: bench
bench: install messages
	DATABASE_URL=$(BENCH_SQLITE) $(PY) bench/dashboard.py $(BENCH_ARGS)
	@case "$$DATABASE_URL" in \
		postgres*) $(PY) bench/dashboard.py $(BENCH_ARGS) ;; \
		*) echo "PostgreSQL: set DATABASE_URL=postgres://... to run the benchmark there too." ;; \
	esac

# Requests per second of the main pages as a ratio to a bare view, with their
# queries and compressed weight (bench/README.md "Pages"): the demo under
# gunicorn with production's settings, in var/bench-pages. The load
# generator (locust) lives in a virtualenv of its own. BENCH_PAGES_ARGS="--duration 5"
# for a quicker run, "--fresh" to seed the demo again.
BENCH_VENV := var/bench-venv
BENCH_PAGES_ARGS ?=
.PHONY: bench-pages
$(BENCH_VENV)/.installed: requirements-bench.txt
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	touch $@

bench-pages: install messages $(BENCH_VENV)/.installed
	$(PY) bench/pages.py $(BENCH_PAGES_ARGS)
