"""Build a unit's look inside its schema for tests (call within schema_context)."""

from __future__ import annotations

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from portal.theme.models import ThemeSettings


def theme_settings(**fields) -> ThemeSettings:
    """Save `fields` in the current unit's ThemeSettings (call inside its schema)."""
    theme = ThemeSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in fields.items():
        setattr(theme, name, value)
    theme.full_clean()
    theme.save()
    return theme


def image(title: str) -> Image:
    """A small PNG in the current unit's image library (needs `media_root`)."""
    return Image.objects.create(title=title, file=get_test_image_file(f"{title}.png"))
