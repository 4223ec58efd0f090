"""The shared cache's settings, one definition for production, its benchmark and its tests."""

# The cache alias of sessions: network-wide keys (no schema), as a session is bound to its
# unit by portal.accounts.sessions, not by where its key lives.
SESSIONS_ALIAS = "sessions"
# PostgreSQL keeps every session; Redis serves the reads. A Redis restart, flush or eviction
# (deploy/docker-compose.yml runs it without persistence, allkeys-lru) signs no one out.
REDIS_SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def redis_cache(url: str) -> dict:
    """CACHES for a Redis shared by every worker: `default` with django-tenants' per-schema
    keys, and the sessions' alias with plain ones."""
    return {
        "default": {
            "BACKEND": "portal.operations.redis_cache.RedisCache",
            "LOCATION": url,
            "KEY_FUNCTION": "django_tenants.cache.make_key",
            "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
        },
        SESSIONS_ALIAS: {
            "BACKEND": "portal.operations.redis_cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "sessions",
        },
    }
