"""Creating, confirming and removing a person's two-factor devices."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

AUTHENTICATOR_NAME = _("Ứng dụng xác thực")
BACKUP_CODES_NAME = _("Mã dự phòng")
BACKUP_CODE_COUNT = 10


def pending_authenticator(user) -> TOTPDevice:
    """The unconfirmed TOTP device being enrolled (one per person, kept across page loads)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(
        user=user, name=str(AUTHENTICATOR_NAME), confirmed=False
    )


@transaction.atomic
def confirm(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm `device` with a code from the app; returns fresh backup codes, or None if wrong."""
    if not device.verify_token(code):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return issue_backup_codes(device.user)


def issue_backup_codes(user) -> list[str]:
    """Replace the person's backup codes with new ones; each works once."""
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=str(BACKUP_CODES_NAME), confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    static.token_set.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


@transaction.atomic
def remove_all(user) -> int:
    """Delete every device of `user` (the reset); returns how many there were."""
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        removed += model.objects.filter(user=user).count()
        model.objects.filter(user=user).delete()
    return removed
