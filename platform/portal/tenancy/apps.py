from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenancyConfig(AppConfig):
    """Units (tenants), their domains, levels and lifecycle."""

    name = "portal.tenancy"
    label = "portal_tenancy"
    verbose_name = _("Mạng lưới")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks

        from . import content_types, page_addresses, routing, storage

        routing.connect_invalidation()
        content_types.install()
        page_addresses.register_admin_slug_field()
        checks.register(storage.check_media_bucket)
