"""Which page types are sections (for section feeds and feed subscriptions), named by label.

Syndication never imports the page types; sites' section type is the default.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from wagtail.models import Page


def section_labels() -> list[str]:
    return settings.PORTAL_SYNDICATION_SECTION_MODELS


def is_section(page) -> bool:
    return isinstance(page, Page) and page._meta.label in section_labels()


def sections():
    """The live sections of the unit whose schema is active, in tree order."""
    models = [apps.get_model(label) for label in section_labels()]
    return Page.objects.live().type(*models).order_by("path")
