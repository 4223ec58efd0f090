from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemeConfig(AppConfig):
    """The shared look of every portal: base templates, error pages, static files."""

    name = "portal.theme"
    label = "portal_theme"
    verbose_name = _("Giao diện chung")
