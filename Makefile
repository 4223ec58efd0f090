# The two commands: `make run` (set up and serve the demo network) and `make test`.
# Everything else here is a step of those two.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 0.0.0.0
PORT ?= 8000

.PHONY: setup run serve test lint migrations-check bench install migrate demo system-deps stop-db clean elasticsearch stop-elasticsearch s3proxy stop-s3proxy audit outdated lock screenshots quality

setup: install migrate demo  ## Everything but serving; safe to repeat.

# The web server as in production (gunicorn, deploy/gunicorn.conf.py) and the background workers
# (Procfile): run_periodic, attachment text as soon as files are published, and the Elasticsearch
# indexer when ELASTICSEARCH_URL is set. One command; Ctrl-C stops every process.
WEB_WORKERS ?= 2
SERVE := DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-portal.settings.dev} \
	PORTAL_BIND=$(HOST):$(PORT) PORTAL_WORKERS=$(WEB_WORKERS) \
	$(VENV)/bin/honcho --no-colour -f Procfile start web worker attachments $${ELASTICSEARCH_URL:+indexer}

run: setup
	$(SERVE)

serve: install  ## `make run` without migrating or loading the demo network.
	$(SERVE)

test: lint migrations-check setup system-deps elasticsearch s3proxy
	DJANGO_SETTINGS_MODULE=portal.settings.test PORTAL_ELASTICSEARCH_URL=$(ELASTICSEARCH_URL) PORTAL_TEST_S3_ENDPOINT_URL=$(S3PROXY_URL) $(PY) -m pytest

# Ruff with the rules chosen in pyproject.toml; the same as the pre-commit hooks.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Every model change has its migration (as wagtail/bakerydemo's CI checks).
migrations-check: install
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run

bench: setup system-deps elasticsearch
	$(PY) -m bench

# Screenshots of every page type at 390 and 1366 px (docs/screenshots/), and the page
# quality table (Lighthouse, axe-core, Nu HTML Checker: docs/quality.md), on the demo network.
screenshots: setup system-deps
	$(PY) -m tests.browser.screenshots

quality: setup system-deps
	$(PY) -m tests.browser.quality

install: $(VENV)/.installed

# The locks carry hashes (every package is checked); the project itself cannot carry one,
# so it is installed apart, without dependencies.
$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.txt -r requirements-dev.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

# Rewrite the locks from requirements.in / requirements-dev.in (README, "Dependencies").
lock: install
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-find-links -o requirements.txt requirements.in
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-find-links -o requirements-dev.txt requirements-dev.in

# What has a newer release than the installed (locked) version.
outdated: install
	$(PY) -m pip list --outdated

migrate: install
	$(PY) manage.py migrate_schemas --noinput

demo: install migrate
	$(PY) manage.py demo_network --port $(PORT)

# Chromium (browser journeys), DejaVu fonts (generated Vietnamese PDFs), wrk
# (benchmarks), ffmpeg (video brief posters and durations), OCR of scanned
# attachments (tesseract with Vietnamese data, poppler), Java + Maven (S3Proxy and the
# Elasticsearch node), and redis-server, nginx with its cache purge module (the
# frontend cache), openssl and systemd-analyze (the deploy tests) from Debian, when missing.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || missing="$$missing fonts-dejavu-core"; \
	command -v wrk >/dev/null || missing="$$missing wrk"; \
	command -v ffmpeg >/dev/null || missing="$$missing ffmpeg"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	command -v tesseract >/dev/null || missing="$$missing tesseract-ocr"; \
	test -f /usr/share/tesseract-ocr/5/tessdata/vie.traineddata || missing="$$missing tesseract-ocr-vie"; \
	test -f /usr/share/hunspell/vi_VN.dic || missing="$$missing hunspell-vi"; \
	command -v javac >/dev/null || missing="$$missing default-jdk-headless"; \
	command -v mvn >/dev/null || missing="$$missing maven"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	command -v nginx >/dev/null || test -x /usr/sbin/nginx || missing="$$missing nginx"; \
	test -f /usr/lib/nginx/modules/ngx_http_cache_purge_module.so || missing="$$missing libnginx-mod-http-cache-purge"; \
	command -v openssl >/dev/null || missing="$$missing openssl"; \
	command -v systemd-analyze >/dev/null || missing="$$missing systemd"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
		else echo "Please install:$$missing (sudo apt-get install$$missing)"; exit 1; fi; \
	fi

# A real Elasticsearch 8 node (search tests and benches) when Java and Maven are here;
# under CI=true it must start. Idempotent: a node already answering is kept.
ELASTICSEARCH_PORT ?= 9201
ELASTICSEARCH_URL ?= http://127.0.0.1:$(ELASTICSEARCH_PORT)
ELASTICSEARCH := search/elastic/node/elasticsearch.sh

elasticsearch:
	@if command -v javac >/dev/null && command -v mvn >/dev/null; then \
		$(ELASTICSEARCH) start $(ELASTICSEARCH_PORT); \
	elif [ "$$CI" = true ]; then \
		echo "Elasticsearch tests need java and mvn (apt-get install default-jdk-headless maven)"; exit 1; \
	else echo "No java/mvn: Elasticsearch tests will try to start a node and fail."; fi

stop-elasticsearch:
	$(ELASTICSEARCH) stop $(ELASTICSEARCH_PORT)

# A real S3-compatible server (S3Proxy over var/s3proxy) for the object-storage media tests,
# from Maven Central like the Elasticsearch node; under CI=true it must start. Idempotent.
# Its port is clear of the Elasticsearch nodes' (HTTP 92xx, transport PORT+100 and PORT+200).
S3PROXY_PORT ?= 9480
S3PROXY_URL ?= http://127.0.0.1:$(S3PROXY_PORT)
S3PROXY := platform/portal/tenancy/s3proxy/s3proxy.sh

s3proxy:
	@if command -v java >/dev/null && command -v mvn >/dev/null; then \
		$(S3PROXY) start $(S3PROXY_PORT); \
	elif [ "$$CI" = true ]; then \
		echo "Object-storage tests need java and mvn (apt-get install default-jdk-headless maven)"; exit 1; \
	else echo "No java/mvn: object-storage tests will try to start S3Proxy and fail."; fi

stop-s3proxy:
	$(S3PROXY) stop $(S3PROXY_PORT)

# Known vulnerabilities in the installed dependencies (PyPI's advisory database; OSV with
# AUDIT_SERVICE=osv). --strict: a package that could not be checked is a failure, not a pass.
AUDIT_SERVICE ?= pypi
audit: install
	$(VENV)/bin/pip-audit --strict --skip-editable --vulnerability-service $(AUDIT_SERVICE)

stop-db: stop-replica
	$(PY) -m portal.embedded_db stop

# A streaming replica of the embedded PostgreSQL (var/pgreplica, pg_basebackup once); prints its
# URL for PORTAL_REPLICA_DATABASE_URL. Idempotent; `stop-replica` keeps its copy and slot.
replica: install
	$(PY) -m portal.embedded_replica start

stop-replica:
	$(PY) -m portal.embedded_replica stop

clean: stop-db stop-elasticsearch stop-s3proxy
	rm -rf var $(VENV)
