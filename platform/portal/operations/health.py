"""`/healthz`: is this web process able to serve? Database, cache, search and media, as JSON.

Answered by a middleware placed first, before host routing and ALLOWED_HOSTS
checks: load balancers and monitors call it by IP address or any host name.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable

import requests
from django.conf import settings
from django.core.cache import cache, caches
from django.core.files.storage import storages
from django.db import InterfaceError, OperationalError, connection
from django.http import JsonResponse

from portal.tenancy.storage import UnitObjectStorage, media_bucket_problem

HEALTH_PATH = "/healthz"
SEARCH_TIMEOUT_SECONDS = 3
# Elasticsearch answers "red" when some primary shard is missing: searches fail.
_SEARCH_UNHEALTHY = {"red"}

logger = logging.getLogger("portal.operations.health")


class CheckFailed(RuntimeError):
    """A failure whose message is ours (no address, no credential): shown as the reason."""


def check_database() -> dict:
    connection.set_schema_to_public()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except (OperationalError, InterfaceError) as error:
        raise CheckFailed(
            "the database does not answer: connection refused, lost or timed out"
        ) from error
    return {}


def check_cache() -> dict:
    """Write, read back and delete a fresh value: proves the cache really stores."""
    key, value = f"portal:healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=30)
    stored = cache.get(key)
    cache.delete(key)
    if stored != value:
        raise CheckFailed("the cache did not return the value just written")
    return {"backend": caches["default"].__class__.__name__}


def check_search() -> dict:
    """Elasticsearch's cluster health when ELASTICSEARCH_URL is set; else search is PostgreSQL's."""
    url = getattr(settings, "ELASTICSEARCH_URL", None)
    if not url:
        return {"engine": "postgres"}
    response = requests.get(url.rstrip("/") + "/_cluster/health", timeout=SEARCH_TIMEOUT_SECONDS)
    response.raise_for_status()
    status = response.json().get("status")
    if status in _SEARCH_UNHEALTHY:
        raise CheckFailed(f"Elasticsearch's cluster status is {status}")
    return {"engine": "elasticsearch", "cluster_status": status}


def check_media() -> dict:
    """The media bucket answers to its keys, when media are in one (PORTAL_MEDIA_S3_BUCKET)."""
    if not isinstance(storages["default"], UnitObjectStorage):
        return {"storage": "local"}
    problem = media_bucket_problem()
    if problem is not None:
        logger.error(problem)  # the address stays in the logs
        raise CheckFailed("the media bucket does not answer to its keys")
    return {"storage": "bucket"}


CHECKS: dict[str, Callable[[], dict]] = {
    "database": check_database,
    "cache": check_cache,
    "search": check_search,
    "media": check_media,
}


def run_checks() -> tuple[bool, dict]:
    """Every check, timed; a failing check never stops the others."""
    results, healthy = {}, True
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            result = {"ok": True, **check()}
        except Exception as error:
            healthy = False
            # The class only, and our own reason: other messages may carry addresses or credentials.
            result = {"ok": False, "error": error.__class__.__name__}
            if isinstance(error, CheckFailed):
                result["reason"] = str(error)
            logger.error("health check %s failed", name, exc_info=True, extra={"check": name})
        result["ms"] = round((time.perf_counter() - started) * 1000, 1)
        results[name] = result
    return healthy, results


class HealthCheckMiddleware:
    """Answers GET/HEAD /healthz with 200 (all healthy) or 503 and a JSON body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.rstrip("/") != HEALTH_PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = JsonResponse({"error": "method not allowed"}, status=405)
            response["Allow"] = "GET, HEAD"
            return response
        healthy, checks = run_checks()
        response = JsonResponse(
            {"status": "ok" if healthy else "fail", "checks": checks},
            status=200 if healthy else 503,
        )
        response["Cache-Control"] = "no-store"
        return response
