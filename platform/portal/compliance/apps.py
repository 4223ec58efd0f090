from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    """Per-unit and network dashboards of what the rules ask a portal to carry."""

    name = "portal.compliance"
    label = "portal_compliance"
    verbose_name = _("Danh mục tuân thủ")
