"""Settings shared by every environment; dev, test and production refine them."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal import embedded_db
from portal.elasticsearch_hosts import elasticsearch_hosts
from portal.extensions.discovery import plugin_app_names

from .media import media_storage


def env_int(name: str, default: int, minimum: int = 0) -> int:
    """A whole number (at least `minimum`) from the environment, else `default`; anything else
    stops the start."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < minimum:
        least = f" of at least {minimum}" if minimum else ""
        raise ImproperlyConfigured(f"{name} must be a whole number{least}, not {value!r}")
    return int(value)


def env_elasticsearch_url(name: str) -> str:
    """One node's URL or several, comma-separated (a cluster); a malformed one stops the start."""
    value = os.environ.get(name, "").strip()
    if value:
        try:
            elasticsearch_hosts(value)
        except ValueError as error:
            raise ImproperlyConfigured(f"{name}: {error}") from None
    return value


def env_rate(name: str, default: tuple[int, int]) -> tuple[int, int]:
    """A rate limit "COUNT/SECONDS" (e.g. 5/600) from the environment, else `default`."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    count, _slash, seconds = value.partition("/")
    if not (count.strip().isdigit() and seconds.strip().isdigit() and int(seconds) > 0):
        raise ImproperlyConfigured(f"{name} must be COUNT/SECONDS such as 5/600, not {value!r}")
    return int(count), int(seconds)


PLATFORM_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = PLATFORM_DIR.parent

SECRET_KEY = "insecure-development-key-never-used-in-production"
DEBUG = False
ALLOWED_HOSTS = ["*"]  # Host routing happens in UnitRoutingMiddleware: unknown hosts get 404.

# --- Tenancy ---------------------------------------------------------------
# Apps whose tables live once, in the public schema: the network itself.
SHARED_APPS = [
    # Our tenancy app comes first so its migrate/migrate_schemas commands win.
    "portal.tenancy",
    "django_tenants",
    "portal.accounts",
    "portal.publications",
    "portal.reports",
    "portal.analytics",
    "portal.syndication",
    "portal.extensions",
    "search",  # reads the public ledger; its search rows live in public too
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "wagtail_modeladmin",
    "portal.operations",
    # Two-factor devices belong to the global account; the audit log is the network's.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "portal.audit",
    "portal.merges",
    # The intake API's tokens, the trust store and signature checks (public schema).
    "sites.intake",
]
# Apps whose tables every unit (tenant) has in its own schema.
# Wagtail lives only here: a table missing from a unit must fail loudly, never
# fall through the search_path to a shared copy.
TENANT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "portal.accounts.membership",
    "wagtail.admin",
    "wagtail",
    "portal.accounts.users_app.UnitUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.embeds",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "modelcluster",
    "taggit",
    # Tenant-only: its settings and slogans belong to each unit (foreign keys to
    # Wagtail's Site and images, which the public schema lacks). Installed all
    # the same, so its templates also serve the public schema's error pages.
    "portal.theme",
    "sites",
    "sites.writing_desk",
    "portal.feedback",
    "portal.compliance",
    "wagtailmedia",
]
# Optional modules: the apps in plugins/ and those of installed packages'
# "portal.plugins" entry points; each unit turns them on or off (portal.extensions).
PORTAL_PLUGIN_APPS = plugin_app_names(BASE_DIR / "plugins")
TENANT_APPS += PORTAL_PLUGIN_APPS
INSTALLED_APPS = list(SHARED_APPS) + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "portal_tenancy.Unit"
TENANT_DOMAIN_MODEL = "portal_tenancy.Domain"
# Visitors' reads on the replica when there is one (portal.tenancy.replica); migrations
# only where django-tenants puts them.
DATABASE_ROUTERS = [
    "portal.tenancy.replica.router.ReplicaRouter",
    "django_tenants.routers.TenantSyncRouter",
]
# SET search_path once per schema change, not before every query; django-tenants
# forgets the cached path on rollbacks (a rolled-back SET is undone too).
TENANT_LIMIT_SET_CALLS = True
# Every unit's schema is cloned from this fully migrated schema.
PORTAL_TEMPLATE_SCHEMA = "unit_template"
# Parallel workers for migrate_schemas (0: one per CPU).
PORTAL_MIGRATION_WORKERS = 0
# Schemas cloned ahead of time, so that provisioning a unit only renames one
# (portal.tenancy.schema_pool); refilled in the background after each use.
PORTAL_SCHEMA_POOL_SIZE = 3
PORTAL_SCHEMA_POOL_BACKGROUND_REFILL = True


# --- Database --------------------------------------------------------------
def database_config(url: str | None) -> dict:
    """DATABASE_URL when given, else the embedded PostgreSQL under ./var."""
    config = dj_database_url.parse(url or embedded_db.ensure_running(BASE_DIR), conn_max_age=60)
    # django-tenants' backend, content types cached per schema (portal.tenancy.content_types).
    config["ENGINE"] = "portal.tenancy.postgresql_backend"
    return config


def replica_database_config(url: str) -> dict:
    """A streaming replica of the default database (portal.tenancy.replica reads from it)."""
    config = database_config(url)
    # Its backend reports failures; a replica that does not answer must not hold a request.
    config["ENGINE"] = "portal.tenancy.replica"
    config["OPTIONS"] = {**config.get("OPTIONS", {}), "connect_timeout": 2}
    # Tests never create or flush it: it is a copy of the default database.
    config["TEST"] = {"MIRROR": "default"}
    return config


def databases(url: str | None) -> dict:
    """`default` from DATABASE_URL (else embedded), `replica` from PORTAL_REPLICA_DATABASE_URL."""
    found = {"default": database_config(url)}
    replica_url = os.environ.get("PORTAL_REPLICA_DATABASE_URL", "").strip()
    if replica_url:
        found["replica"] = replica_database_config(replica_url)
    return found


# The replica: replay lag beyond which its reads go to the primary; how long a health
# check is trusted (per process); how long a replica that failed is left alone.
PORTAL_REPLICA_MAX_LAG_SECONDS = env_int("PORTAL_REPLICA_MAX_LAG_SECONDS", 5)
PORTAL_REPLICA_CHECK_SECONDS = env_int("PORTAL_REPLICA_CHECK_SECONDS", 5)
PORTAL_REPLICA_RETRY_SECONDS = env_int("PORTAL_REPLICA_RETRY_SECONDS", 30)


# --- Requests --------------------------------------------------------------
MIDDLEWARE = [
    # First: answers on any host, before routing and host checks (load balancers).
    "portal.operations.health.HealthCheckMiddleware",
    # Hosts of merged units answer 301 to the survivor's portal (before routing's 410).
    "portal.tenancy.middleware.UnitRoutingMiddleware",
    # Visitors' GET/HEAD read from the replica when there is one (after routing: the unit is set).
    "portal.tenancy.replica.middleware.ReplicaReadsMiddleware",
    # Control characters in the path, query or form data: the unit's 400 page.
    "portal.operations.request_hygiene.RequestHygieneMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Public pages in Vietnamese whatever the browser asks; the admin negotiates.
    "sites.public_language.PublicLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A session counts only on the unit's host where it was made (before the second factor).
    "portal.accounts.sessions.UnitSessionMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.audit.log.AuditContextMiddleware",
    "portal.accounts.middleware.UnitAdminAccessMiddleware",
    "portal.accounts.two_factor.middleware.TwoFactorMiddleware",
    "portal.extensions.guard.PluginGuardMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Anonymous visitors' pages, per unit (see sites/page_cache.py).
    "sites.page_cache.PageCacheMiddleware",
    # X-Portal-Page on served pages, kept in both caches (see portal/analytics/cached_views.py).
    "portal.analytics.middleware.PageHeaderMiddleware",
    # The unit's Site, home page and theme settings from the cache (see sites/serving.py).
    "sites.serving.UnitPageDataMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.operations.content_security.PortalCSPMiddleware",
    "portal.accounts.throttling.LoginThrottleMiddleware",
]
ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

# A unit may override any template by putting its own copy under
# var/unit-templates/<schema>/ (same relative path); the rest comes from the apps.
MULTITENANT_TEMPLATE_DIRS = [str(BASE_DIR / "var" / "unit-templates" / "%s")]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "OPTIONS": {
            "loaders": [
                (
                    # Cached per schema, and not at all under DEBUG (see the loader).
                    "portal.theme.template_loaders.Loader",
                    [
                        "django_tenants.template.loaders.filesystem.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                ),
            ],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.theme.context_processors.print_view",
            ],
        },
    },
]

# --- Identity --------------------------------------------------------------
AUTH_USER_MODEL = "portal_accounts.User"
AUTHENTICATION_BACKENDS = ["portal.accounts.backends.UnitPermissionBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
# Who must enrol in two-factor sign-in: "network_admin", "site_admin" (portal.accounts.two_factor).
PORTAL_TWO_FACTOR_REQUIRED_FOR = ("network_admin", "site_admin")
OTP_TOTP_ISSUER = "Cổng thông tin điện tử"

# --- Language and time -----------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# Our own strings first; then our Vietnamese for Wagtail's admin, which overrides
# Wagtail's small vi catalogs (Django merges LOCALE_PATHS above app catalogs).
LOCALE_PATHS = [PLATFORM_DIR / "portal" / "locale", PLATFORM_DIR / "portal" / "locale_wagtail"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILADMIN_USER_LOGIN_FORM = "portal.accounts.login_form.PortalLoginForm"

# --- Files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "var" / "media"
# Each unit's files live in MEDIA_ROOT/<schema>/, or under the key prefix <schema>/ of the
# bucket PORTAL_MEDIA_S3_BUCKET (settings/media.py), and are served only on its own hosts.
MULTITENANT_RELATIVE_MEDIA_ROOT = "%s"
STORAGES = {
    "default": media_storage(os.environ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# /media/ is answered by the application (sites.file_views), which checks who may
# have each file; off, only DEBUG serves it.
PORTAL_SERVE_MEDIA = False
# Set (production: "/_unit_media/"): nginx sends allowed files from this internal location.
PORTAL_MEDIA_ACCEL_PREFIX = ""
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Largest audio/video file and video poster an editor may upload (sites/uploads.py).
PORTAL_MEDIA_MAX_UPLOAD_SIZE = 500 * 1024 * 1024
PORTAL_THUMBNAIL_MAX_UPLOAD_SIZE = 5 * 1024 * 1024

# --- Cache -----------------------------------------------------------------
# Keys carry the schema: Wagtail caches site root paths under one global key.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
    }
}

# Seconds an anonymous visitor's page (sites/page_cache.py) and a rendered fragment
# (sites/fragment_cache.py) stay cached; any write in the unit retires them sooner.
PORTAL_PAGE_CACHE_SECONDS = 300
PORTAL_FRAGMENT_CACHE_SECONDS = 300
# Page views are buffered in the cache and written to the database this often.
PORTAL_PAGE_VIEW_FLUSH_SECONDS = 60
# nginx's log of the pages it served from its frontend cache (deploy/nginx/frontend-cache),
# read by `count_cached_views`; empty: no frontend cache, nothing to read.
PORTAL_FRONTEND_CACHE_VIEW_LOG = os.environ.get("PORTAL_FRONTEND_CACHE_VIEW_LOG", "").strip()

# --- Background work (manage.py run_periodic) ------------------------------
# The worker's schedule: {"command": [name, *arguments], "every": seconds}.
PORTAL_PERIODIC_COMMANDS = [
    # Wagtail's scheduled go-live and expiry, in every active unit.
    {"command": ["publish_scheduled_units"], "every": 60},
    # Page views buffered in the cache, written in batches.
    {"command": ["flush_page_views"], "every": 60},
    # Views nginx served from its frontend cache, read from its log and added to the counts.
    {"command": ["count_cached_views"], "every": 60},
    # External feeds sections subscribe to (each fetched at most every 15 minutes).
    {"command": ["fetch_feeds", "--min-interval", "15"], "every": 300},
    # Text of newly attached files for search (PDF parsing and OCR never delay publishing).
    {"command": ["search_attachments"], "every": 10},
    # Digital signatures of newly saved PDFs (pyHanko), never checked in a request.
    {"command": ["check_signatures"], "every": 10},
    {"command": ["clearsessions"], "every": 24 * 3600},
]

# --- Syndication -----------------------------------------------------------
# Page types whose pages may receive syndicated items (app_label.ModelName).
PORTAL_SYNDICATION_SECTION_MODELS = ["portal_sites.SectionPage"]
# External feeds: read timeout and whole-fetch deadline (seconds), largest body
# (bytes); private and loopback addresses are refused unless allowed (tests only).
PORTAL_FEEDS_READ_TIMEOUT = 10
PORTAL_FEEDS_DEADLINE_SECONDS = 20
PORTAL_FEEDS_MAX_BYTES = 2 * 1024 * 1024
PORTAL_FEEDS_ALLOW_PRIVATE_HOSTS = False
# The writing desk's Vietnamese dictionary: hunspell's .dic/.aff without the extension
# (Debian's hunspell-vi); without it the desk's report says spelling is not checked.
PORTAL_SPELLING_DICTIONARY = os.environ.get(
    "PORTAL_SPELLING_DICTIONARY", "/usr/share/hunspell/vi_VN"
)

# --- Wagtail ---------------------------------------------------------------
WAGTAIL_SITE_NAME = _("Cổng thông tin điện tử")
WAGTAILADMIN_BASE_URL = "http://localhost:8000"
WAGTAIL_I18N_ENABLED = False
# Page addresses in ASCII ("huyen-tam-giang-..."): see portal.tenancy.page_addresses.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]  # no SVG uploads
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "txt"]  # checked by content too
WAGTAILDOCS_DOCUMENT_FORM_BASE = "sites.forms.CheckedDocumentForm"
# Documents are streamed by the application on every storage, never a redirect to the bucket.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Video briefs: formats every browser plays; nothing else is accepted.
WAGTAILMEDIA = {
    "AUDIO_EXTENSIONS": ["mp3", "m4a", "ogg"],
    "VIDEO_EXTENSIONS": ["mp4", "webm"],
    "MEDIA_FORM_BASE": "sites.forms.CheckedMediaForm",  # checked by content (sites/uploads.py)
}

# --- Security headers ------------------------------------------------------
# Portals: no inline script anywhere; the unit's colours are a <style> with the nonce.
# Embedded videos (YouTube and the like) come in https: frames.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "frame-src": [SELF, "https:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# Wagtail's admin has inline scripts and styles; pasted embeds show remote thumbnails.
PORTAL_ADMIN_CSP = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:", "https:"],
    "font-src": [SELF, "data:"],
    "frame-src": [SELF, "https:"],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}
# Framed by pages of the same portal only (Wagtail's preview panel frames its own pages):
# the same rule as the CSP's frame-ancestors 'self' above, for browsers that read only one.
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Rate limits (portal.ratelimit) ----------------------------------------
# The request META key holding the client's address behind a proxy (production:
# nginx's X-Real-IP); None: the socket's address.
PORTAL_CLIENT_IP_HEADER = None
# Admin sign-in: failures allowed per account and per client within the window.
PORTAL_LOGIN_THROTTLE = {
    "account_failures": env_int("PORTAL_LOGIN_ACCOUNT_FAILURES", 5),
    "client_failures": env_int("PORTAL_LOGIN_CLIENT_FAILURES", 20),
    "window_seconds": env_int("PORTAL_LOGIN_WINDOW_SECONDS", 15 * 60),
}
# Searches (page and API) one client may make per window, network-wide.
PORTAL_SEARCH_RATE_LIMIT = env_int("PORTAL_SEARCH_RATE_LIMIT", 60)
PORTAL_SEARCH_RATE_WINDOW = env_int("PORTAL_SEARCH_RATE_WINDOW", 60)
# Citizen feedback (count, seconds): per sender address, per unit from everyone
# (a flood guard for the queue), and tracking-code look-ups per address.
PORTAL_FEEDBACK_SENDER_LIMIT = env_rate("PORTAL_FEEDBACK_SENDER_LIMIT", (5, 600))
PORTAL_FEEDBACK_UNIT_LIMIT = env_rate("PORTAL_FEEDBACK_UNIT_LIMIT", (200, 3600))
PORTAL_FEEDBACK_LOOKUP_LIMIT = env_rate("PORTAL_FEEDBACK_LOOKUP_LIMIT", (30, 600))
# A feedback form sent sooner than this after it was shown is a robot's; later
# than the maximum, the form has expired.
PORTAL_FEEDBACK_MIN_FILL_SECONDS = 4
PORTAL_FEEDBACK_MAX_FILL_SECONDS = 4 * 3600

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"portal": {"handlers": ["console"], "level": "INFO"}},
}

# The admin must not contact outside services from government networks.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Search engine: PostgreSQL (embedded default), or Elasticsearch 8 when ELASTICSEARCH_URL is
# set; the indexer (`manage.py search_index`) keeps the alias below current from the ledger.
# Several nodes of one cluster, comma-separated: a request a node fails is retried on another.
ELASTICSEARCH_URL = env_elasticsearch_url("ELASTICSEARCH_URL")
# Primary shards and replicas of each new index (shards change with `search_rebuild`; replicas
# of the live index follow this value when the `search_index` worker starts). A replica needs
# a second node: on one node keep 0, on a cluster 1 survives the loss of any one node.
PORTAL_ELASTICSEARCH_SHARDS = env_int("PORTAL_ELASTICSEARCH_SHARDS", 1, minimum=1)
PORTAL_ELASTICSEARCH_REPLICAS = env_int("PORTAL_ELASTICSEARCH_REPLICAS", 0)
PORTAL_SEARCH_ENGINE = "elasticsearch" if ELASTICSEARCH_URL else "postgres"
PORTAL_SEARCH_INDEX = os.environ.get("PORTAL_SEARCH_INDEX", "portal-publications")
# PostgreSQL engine: up to this many matches the total and facets are exact (else
# estimated); this many candidates are ranked by relevance (search/postgres/).
PORTAL_SEARCH_EXACT_COUNT_LIMIT = 2_000
PORTAL_SEARCH_RANK_CANDIDATES = 500
# Seconds a search waits for Elasticsearch before PostgreSQL answers instead; after such a
# failure searches skip Elasticsearch for the cool-off, then one tries it again.
PORTAL_ELASTICSEARCH_TIMEOUT = 1.5
PORTAL_ELASTICSEARCH_COOL_OFF = 30
# `search_status` fails while a row has waited in the outbox longer than this (seconds).
PORTAL_SEARCH_OUTBOX_MAX_WAIT = 300

# The intake API (/api/v1/documents/): requests allowed per token within the window (seconds).
PORTAL_INTAKE_RATE_LIMIT = env_int("PORTAL_INTAKE_RATE_LIMIT", 60)
PORTAL_INTAKE_RATE_WINDOW = env_int("PORTAL_INTAKE_RATE_WINDOW", 60)
