"""Sends people to verification or enrolment before any other admin page."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from . import policy

# Reachable before verification: signing in and out, and what every admin page loads
# (translations, the icon sprite: the same for everyone, and fetched by the code page too).
_OPEN_PATHS = (
    "/admin/login/",
    "/admin/logout/",
    "/admin/password_reset/",
    "/admin/jsi18n/",
    "/admin/sprite/",
)


class TwoFactorMiddleware:
    """After the password, the admin asks for a code (or enrolment) first.

    Runs after django_otp's OTPMiddleware (which marks the session's verified
    device) and after UnitAdminAccessMiddleware (people without a role here are
    refused before being asked for anything).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        user = request.user
        if (
            path.startswith("/admin/")
            and not path.startswith(_OPEN_PATHS)
            and user.is_authenticated
            and not user.is_verified()
        ):
            verify_url, enrol_url = (
                reverse("portal_two_factor_verify"),
                reverse("portal_two_factor_enrol"),
            )
            if policy.has_confirmed_device(user):
                target = verify_url
            elif policy.is_required(user):
                target = enrol_url
            else:
                target = None  # editors and contributors may enrol, need not
            if target and path != target:
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
