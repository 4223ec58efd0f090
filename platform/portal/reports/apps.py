from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Editorial figures per unit and for the network, read from the publication ledger."""

    name = "portal.reports"
    label = "portal_reports"
    verbose_name = _("Báo cáo biên tập")
    default_auto_field = "django.db.models.BigAutoField"
