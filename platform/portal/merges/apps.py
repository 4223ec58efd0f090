from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MergesConfig(AppConfig):
    name = "portal.merges"
    label = "portal_merges"
    verbose_name = _("Sáp nhập đơn vị")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.tenancy import notes

        from .notes import merge_notes

        notes.register(merge_notes)
