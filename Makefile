# The two commands: `make run` (set up and serve the demo network) and `make test`.
# Everything else here is a step of those two.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 0.0.0.0
PORT ?= 8000

.PHONY: setup run test bench install migrate demo system-deps stop-db clean

setup: install migrate demo  ## Everything but serving; safe to repeat.

run: setup
	$(PY) manage.py runserver $(HOST):$(PORT)

test: setup system-deps
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) -m pytest

bench: setup system-deps
	$(PY) -m bench

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

migrate: install
	$(PY) manage.py migrate_schemas --noinput

demo: install migrate
	$(PY) manage.py demo_network

# Chromium (browser journeys), DejaVu fonts (generated Vietnamese PDFs), wrk
# (benchmarks), and redis-server, nginx, openssl and systemd-analyze (the deploy
# tests) from Debian, when missing.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || missing="$$missing fonts-dejavu-core"; \
	command -v wrk >/dev/null || missing="$$missing wrk"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	command -v nginx >/dev/null || test -x /usr/sbin/nginx || missing="$$missing nginx"; \
	command -v openssl >/dev/null || missing="$$missing openssl"; \
	command -v systemd-analyze >/dev/null || missing="$$missing systemd"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
		else echo "Please install:$$missing (sudo apt-get install$$missing)"; exit 1; fi; \
	fi

stop-db:
	$(PY) -m portal.embedded_db stop

clean: stop-db
	rm -rf var $(VENV)
