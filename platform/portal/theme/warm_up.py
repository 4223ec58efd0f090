"""What a new web process would otherwise do on its first page, done as it starts.

The first page a gunicorn worker serves used to compile the theme's
templates, build the URL resolvers (every `{% url %}` needs them) and read
the translation catalogues, then import, on first use, what the page needs
(image and rich-text machinery, storage, template tags' helpers) and fill
Wagtail's and Django's per-process lookups (content types, site roots):
hundreds of milliseconds for the first visitor after every restart or worker
recycling. With gunicorn's `preload_app` (deploy/gunicorn.conf.py) this runs
once in the master, before the workers are forked, and every worker starts
with it done; without it, in each worker as it loads the application.

`warm_up_pages` serves the main portal's home page (PRIMARY_DOMAIN's, else
the top unit's) and its newest page of each type once, through the
application as a robot (never counted as a view), then closes every database
and cache connection it opened: a connection made before the fork would be
shared by every worker. A database or Redis that does not answer only leaves
that part undone.
"""

from __future__ import annotations

import logging
from pathlib import Path
from wsgiref.util import setup_testing_defaults

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

logger = logging.getLogger(__name__)

# A robot by the page-view counter's rule (portal.analytics.bots): never counted.
USER_AGENT = "portal-warm-up-bot"

# The template folders of the public pages (theme, page types, modules' public parts).
PUBLIC_TEMPLATE_FOLDERS = ("portal_theme", "portal_sites", "portal_search")


def public_template_names() -> list[str]:
    names = set()
    for config in apps.get_app_configs():
        root = Path(config.path) / "templates"
        for folder in PUBLIC_TEMPLATE_FOLDERS:
            names |= {str(path.relative_to(root)) for path in (root / folder).rglob("*.html")}
    return sorted(names)


def warm_up() -> None:
    """Compile the public templates, build the URL resolvers, load the catalogues."""
    for urlconf in {settings.ROOT_URLCONF, getattr(settings, "PUBLIC_SCHEMA_URLCONF", None)}:
        if urlconf:
            get_resolver(urlconf)._populate()
    with translation.override(settings.LANGUAGE_CODE):
        for name in public_template_names():
            get_template(name)


def warm_up_pages(application) -> list[str]:
    """Serve the main portal's home page and newest page of each type once, then close every
    connection this opened; returns the URLs answered 200. Never raises: a server must start
    even when the database or Redis does not answer yet."""
    try:
        return serve_pages(application)
    except Exception:  # whatever failed, only the warm-up is lost
        logger.exception("Pages not warmed up.")
        return []
    finally:
        connections.close_all()
        for cache in caches.all(initialized_only=True):
            cache.close()


def serve_pages(application) -> list[str]:
    """The pages of `warm_up_pages`, served through `application`; the URLs answered 200."""
    return [
        f"{host}{path}"
        for host, path in _pages_to_warm()
        if _serve(application, host, path) == "200"
    ]


def _pages_to_warm() -> list[tuple[str, str]]:
    from django_tenants.utils import schema_context
    from wagtail.models import Page

    from portal.tenancy.models import Unit, UnitStatus

    active = Unit.objects.filter(status=UnitStatus.ACTIVE)
    primary = getattr(settings, "PRIMARY_DOMAIN", "")
    unit = active.filter(domains__domain=primary).first() if primary else None
    unit = unit or active.order_by("depth", "path").first()
    host = unit.primary_domain() if unit else None
    if not host:
        return []
    paths, seen_types = ["/"], set()
    with schema_context(unit.schema_name):
        newest = Page.objects.live().public().filter(depth__gt=2).order_by("-last_published_at")
        for page in newest.only("content_type_id", "url_path")[:50]:
            if page.content_type_id not in seen_types:
                seen_types.add(page.content_type_id)
                paths.append(page.get_url_parts()[2])
    return [(host, path) for path in paths]


def _serve(application, host: str, path: str) -> str:
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "HTTP_HOST": host,
        "HTTP_USER_AGENT": USER_AGENT,
        "REMOTE_ADDR": "127.0.0.1",
        # As nginx passes a visitor's request (production redirects plain HTTP).
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_X_FORWARDED_PORT": "443",
        "wsgi.url_scheme": "https",
        "SERVER_PORT": "443",
    }
    setup_testing_defaults(environ)
    status = []
    response = application(environ, lambda code, headers, exc_info=None: status.append(code))
    try:
        for _chunk in response:
            pass
    finally:
        if hasattr(response, "close"):
            response.close()
    return status[0].split()[0] if status else ""
