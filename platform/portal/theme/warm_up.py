"""What a new web process would otherwise do on its first page, done as it starts.

The first page a gunicorn worker serves used to compile the theme's
templates, build the URL resolvers (every `{% url %}` needs them) and read
the translation catalogues: tens of milliseconds on top of the render, for
the first visitor after every restart or worker recycling. With gunicorn's
`preload_app` (deploy/gunicorn.conf.py) this runs once in the master, before
the workers are forked, and every worker starts with them; without it, in
each worker as it loads the application. No database connection is opened:
one made before the fork would be shared by every worker.
"""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

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
