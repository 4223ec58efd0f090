from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyndicationConfig(AppConfig):
    """News up, directives down, feeds out and in: all read from the publication ledger."""

    name = "portal.syndication"
    label = "portal_syndication"
    verbose_name = _("Liên thông tin bài")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import marks

        marks.connect()
