from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    """Page-view counts of every unit, in the public schema, counted through the cache."""

    name = "portal.analytics"
    label = "portal_analytics"
    verbose_name = _("Lượt xem")
    default_auto_field = "django.db.models.BigAutoField"
