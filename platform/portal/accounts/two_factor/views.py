"""The pages of two-factor sign-in: verify a code, enrol an authenticator app."""

from __future__ import annotations

from base64 import b32encode
from urllib.parse import urlencode

import django_otp
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import match_token

from portal.accounts import throttling

from . import devices, policy, qr
from .forms import CodeForm


def _next_url(request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
        return wanted
    return reverse("wagtailadmin_home")


def _with_next(url_name: str, request) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': _next_url(request)})}"


def _refused_code(request, form) -> None:
    throttling.record_code_failure(request, request.user.get_username())
    form.add_error("code", _("Mã không đúng hoặc đã được dùng. Hãy nhập mã mới trong ứng dụng."))


@never_cache
def verify(request):
    """Ask a person with a confirmed device for a code (or a backup code)."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not policy.has_confirmed_device(user):
        return redirect(_with_next("portal_two_factor_enrol", request))
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if throttling.is_code_throttled(request, user.get_username()):
            return throttling.throttled_response(request)
        if form.is_valid():
            device = match_token(user, form.cleaned_data["code"])
            if device is not None:
                django_otp.login(request, device)
                throttling.forget_code_failures(user.get_username())
                return redirect(_next_url(request))
            _refused_code(request, form)
    return render(
        request,
        "portal_accounts/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
    )


@never_cache
def enrol(request):
    """Set up an authenticator app: QR code and secret, confirmed with a code; backup codes once."""
    user = request.user
    if policy.has_confirmed_device(user):
        if not user.is_verified():
            return redirect(_with_next("portal_two_factor_verify", request))
        return render(
            request, "portal_accounts/two_factor_enrolled.html", {"next": _next_url(request)}
        )
    device = devices.pending_authenticator(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if throttling.is_code_throttled(request, user.get_username()):
            return throttling.throttled_response(request)
        if form.is_valid():
            backup_codes = devices.confirm(device, form.cleaned_data["code"])
            if backup_codes is not None:
                django_otp.login(request, device)
                throttling.forget_code_failures(user.get_username())
                return render(
                    request,
                    "portal_accounts/two_factor_backup_codes.html",
                    {"backup_codes": backup_codes, "next": _next_url(request)},
                )
            _refused_code(request, form)
    return render(
        request,
        "portal_accounts/two_factor_enrol.html",
        {
            "form": form,
            "next": _next_url(request),
            "qr_svg": qr.svg(device.config_url),
            "secret": _grouped_secret(device),
            "required": policy.is_required(user),
        },
    )


def _grouped_secret(device) -> str:
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
