from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExtensionsConfig(AppConfig):
    """The plugin API: metadata, per-unit activation, extension points."""

    name = "portal.extensions"
    label = "portal_extensions"
    verbose_name = _("Mô-đun")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings

        from . import registry, signals

        # Plugins validate their own metadata in their ready(); this catches an app
        # installed as a plugin that does not even use the plugin base class.
        registry.check_every_plugin_app(settings.PORTAL_PLUGIN_APPS)
        signals.connect()
