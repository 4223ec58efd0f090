from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    """The publication ledger: what every unit has published, in the public schema."""

    name = "portal.publications"
    label = "portal_publications"
    verbose_name = _("Sổ xuất bản")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers

        receivers.connect()
