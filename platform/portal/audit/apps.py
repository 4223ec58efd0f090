from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """Who did what to the network, when, from where: rows are only ever added."""

    name = "portal.audit"
    label = "portal_audit"
    verbose_name = _("Nhật ký quản trị")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers

        receivers.connect()
