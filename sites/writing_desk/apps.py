from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WritingDeskConfig(AppConfig):
    """The editor's writing checks, requests for changes and the contributors' handbook."""

    name = "sites.writing_desk"
    label = "portal_writing_desk"
    verbose_name = _("Bàn viết")
    default_auto_field = "django.db.models.BigAutoField"
