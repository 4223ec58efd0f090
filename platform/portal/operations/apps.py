from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "portal.operations"
    label = "portal_operations"
    verbose_name = _("Vận hành")
