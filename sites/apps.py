from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitesConfig(AppConfig):
    """Page types and default page tree of every unit's portal."""

    name = "sites"
    label = "portal_sites"
    verbose_name = _("Cổng thông tin đơn vị")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.tenancy.signals import unit_schema_ready

        from . import frontend_cache, page_cache
        from .ledger import register_page_types
        from .seed import build_default_tree

        unit_schema_ready.connect(build_default_tree, dispatch_uid="sites-default-tree")
        register_page_types()
        page_cache.connect()
        frontend_cache.connect()  # after the page cache: see frontend_cache.connect
