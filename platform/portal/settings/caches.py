"""The shared cache's settings, one definition for production, its benchmark and its tests."""


def redis_cache(url: str) -> dict:
    """CACHES for a Redis shared by every worker, with django-tenants' per-schema keys."""
    return {
        "default": {
            "BACKEND": "portal.operations.redis_cache.RedisCache",
            "LOCATION": url,
            "KEY_FUNCTION": "django_tenants.cache.make_key",
            "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
        }
    }
