from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MergesConfig(AppConfig):
    name = "portal.merges"
    label = "portal_merges"
    verbose_name = _("Sáp nhập đơn vị")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.tenancy import notes
        from portal.tenancy.signals import archived_unit_requested

        from .notes import merge_notes
        from .redirects import redirect_merged_unit

        notes.register(merge_notes)
        archived_unit_requested.connect(redirect_merged_unit, dispatch_uid="portal_merges_redirect")
