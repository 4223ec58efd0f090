from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    """Citizen feedback: each unit's own queue, in its own schema."""

    name = "portal.feedback"
    label = "portal_feedback"
    verbose_name = _("Góp ý của công dân")
    default_auto_field = "django.db.models.BigAutoField"
