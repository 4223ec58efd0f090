from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembershipConfig(AppConfig):
    """Who holds which role in a unit: link tables in each unit's own schema."""

    name = "portal.accounts.membership"
    label = "portal_membership"
    verbose_name = _("Vai trò trong đơn vị")
    default_auto_field = "django.db.models.BigAutoField"
