"""Production: every secret and address comes from the environment.

Required: SECRET_KEY, DATABASE_URL, REDIS_URL, PORTAL_PRIMARY_DOMAIN, ALLOWED_HOSTS,
EMAIL_HOST, DEFAULT_FROM_EMAIL. Optional: ELASTICSEARCH_URL (else PostgreSQL search),
EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, SERVER_EMAIL,
PORTAL_MEDIA_ROOT, PORTAL_STATIC_ROOT, PORTAL_HSTS_SECONDS, PORTAL_LOG_LEVEL,
PORTAL_FRONTEND_CACHE_URL, PORTAL_REPLICA_DATABASE_URL (a streaming replica for visitors' reads),
PORTAL_MEDIA_S3_* (media in a bucket).
deploy/portal.env.example documents each one. A missing required variable stops
the process at start-up, naming every missing one at once.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from portal.operations.log_format import json_logging

from .base import *  # noqa: F403
from .base import BASE_DIR, databases
from .caches import REDIS_SESSION_ENGINE, SESSIONS_ALIAS, redis_cache
from .media import media_storage

REQUIRED = (
    "SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "PORTAL_PRIMARY_DOMAIN",
    "ALLOWED_HOSTS",
    "EMAIL_HOST",
    "DEFAULT_FROM_EMAIL",
)
_missing = [name for name in REQUIRED if not os.environ.get(name, "").strip()]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: "
        + ", ".join(_missing)
        + " (see deploy/portal.env.example)."
    )


def _list(name: str) -> list[str]:
    return [item.strip() for item in os.environ[name].split(",") if item.strip()]


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() not in {"true", "false", "1", "0", "yes", "no"}:
        raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")
    return value.lower() in {"true", "1", "yes"}


DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
DATABASES = databases(os.environ["DATABASE_URL"])
# Units may have domains of their own: list them (or ".example.gov.vn" suffixes),
# or "*" to leave host checks to the routing middleware (unknown hosts get 404).
ALLOWED_HOSTS = _list("ALLOWED_HOSTS")
PRIMARY_DOMAIN = os.environ["PORTAL_PRIMARY_DOMAIN"].strip()
WAGTAILADMIN_BASE_URL = f"https://{PRIMARY_DOMAIN}"

# --- Engines ---------------------------------------------------------------
# Shared by every worker: routing changes, login throttling and sessions must reach all of them.
CACHES = redis_cache(os.environ["REDIS_URL"])
# Sessions: every node reads them from Redis; PostgreSQL keeps them through a Redis restart.
SESSION_ENGINE = REDIS_SESSION_ENGINE
SESSION_CACHE_ALIAS = SESSIONS_ALIAS
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL") or None
# The optional frontend cache (deploy/nginx/frontend-cache): its purge listener.
if os.environ.get("PORTAL_FRONTEND_CACHE_URL", "").strip():
    WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "sites.frontend_cache.PurgeBackend",
            "LOCATION": os.environ["PORTAL_FRONTEND_CACHE_URL"].strip(),
        }
    }

# --- Files -----------------------------------------------------------------
MEDIA_ROOT = os.environ.get("PORTAL_MEDIA_ROOT", str(BASE_DIR / "var" / "media"))
STATIC_ROOT = os.environ.get("PORTAL_STATIC_ROOT", str(BASE_DIR / "var" / "static"))
# The application checks that a file belongs to the host's unit; nginx sends it
# from its internal /_unit_media/ location (deploy/nginx).
PORTAL_SERVE_MEDIA = True
PORTAL_MEDIA_ACCEL_PREFIX = "/_unit_media/"
STORAGES = {
    "default": media_storage(os.environ),
    # Hashed names: nginx serves them with a far-future expiry.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}

# --- Mail ------------------------------------------------------------------
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ["EMAIL_HOST"]
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _flag("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ["DEFAULT_FROM_EMAIL"]
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- HTTPS (TLS ends at nginx, which sets X-Forwarded-Proto and -Port) -----
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The port visitors came in on (443), not gunicorn's: absolute links (feeds, canonical and
# Open Graph addresses, other portals) are built with it (portal.tenancy.addresses).
USE_X_FORWARDED_PORT = True
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# X_FRAME_OPTIONS is SAMEORIGIN on purpose (Wagtail's preview panel frames the portal's own
# pages), the same rule as the CSP's frame-ancestors 'self': Django's advice of DENY is silenced.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
SECURE_HSTS_SECONDS = int(os.environ.get("PORTAL_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The header only allows preloading; nothing is preloaded until someone submits the domain.
SECURE_HSTS_PRELOAD = True
# nginx passes the client's address in X-Real-IP (deploy/nginx); login throttling uses it.
PORTAL_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"

# --- Logs: JSON lines on stdout --------------------------------------------
LOGGING = json_logging(
    os.environ.get("PORTAL_LOG_LEVEL", "INFO"),
    {
        # Django's own handlers mail admins; here everything goes to stdout once.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "portal": {"handlers": [], "level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")},
    },
)
