"""Real TOTP codes computed from a device's key, as the person's phone app would."""

from __future__ import annotations

import time

from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def fresh_code(device: TOTPDevice) -> str:
    """The code of the first time step the device still accepts (codes are single-use).

    Waits when the device already used every step within its tolerance, and while
    django-otp's own per-device delay after a wrong code lasts.
    """
    device.refresh_from_db()
    allowed, details = device.verify_is_allowed()
    if not allowed and details.get("locked_until"):
        time.sleep(max(0.0, (details["locked_until"] - timezone.now()).total_seconds()) + 0.1)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    step = max(totp.t(), device.last_t + 1)
    while step > totp.t() + device.tolerance:
        time.sleep(0.5)
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = device.t0 + (step - device.drift) * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    """A six-digit code no step within the device's tolerance produces."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    now = totp.t()
    valid = set()
    for step in range(now - device.tolerance - 1, now + device.tolerance + 2):
        totp.time = device.t0 + (step - device.drift) * device.step
        valid.add(f"{totp.token():06d}")
    return next(f"{n:06d}" for n in range(123456, 999999) if f"{n:06d}" not in valid)
