from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Network-wide search over the public ledger (a shared app: its tables live in public)."""

    name = "search"
    label = "portal_search"
    verbose_name = _("Tìm kiếm")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .postgres import indexing  # noqa: F401  (keeps the PostgreSQL search rows current)
