from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """One account per person across the network (public schema)."""

    name = "portal.accounts"
    label = "portal_accounts"
    verbose_name = _("Tài khoản")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks

        from . import page_rights

        checks.register(page_rights.every_page_model_keeps_the_role_rules, checks.Tags.models)
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        # Two-factor devices live in the public schema, where Wagtail keeps no reference index
        # (static tokens point at their device: skip those links too).
        for model in (StaticDevice, TOTPDevice):
            model.wagtail_reference_index_ignore = True

        from . import throttling

        throttling.connect()
