"""Who must use two-factor sign-in, and whether a person has a device."""

from __future__ import annotations

from django.conf import settings
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts import access, roles

NETWORK_ADMIN = "network_admin"
SITE_ADMIN = "site_admin"


def required_for() -> tuple[str, ...]:
    return tuple(settings.PORTAL_TWO_FACTOR_REQUIRED_FOR)


def is_required(user) -> bool:
    """True when `user` must enrol before using the admin of the current unit.

    Site administrators are those holding the role in the unit being
    administered (roles are per unit).
    """
    wanted = required_for()
    if NETWORK_ADMIN in wanted and access.is_network_admin(user):
        return True
    return SITE_ADMIN in wanted and roles.SITE_ADMIN in roles.roles_of(user)


def has_confirmed_device(user) -> bool:
    return user_has_device(user, confirmed=True)


def authenticator_of(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
