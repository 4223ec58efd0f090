"""Login throttling for the admin: per account and per client, counted in the shared cache.

Failed sign-ins are counted (Django's `user_login_failed` signal) under two
keys: the account name and the client's address. While either count is over
its limit, sign-in attempts get a 429 page in Vietnamese before any password
is checked. Counts live in the public schema's keys, so spreading attempts
over many units' admins does not multiply the allowance.

Wrong two-factor codes count too: under the client's key, and under a per-account
"code" key that a correct password does not clear (else signing in again would
reset the allowance for guessing codes); only a correct code clears it.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from portal import ratelimit
from portal.clients import client_address


def _rate(kind: str) -> ratelimit.Rate:
    """The failures allowed to one `kind` ("account" or "client") per window."""
    config = settings.PORTAL_LOGIN_THROTTLE
    return ratelimit.Rate(config[f"{kind}_failures"], config["window_seconds"])


def _counters(request, username: str | None, account_kind: str) -> list[tuple[str, str, str]]:
    """(limiter name, key, rate kind) of each count a failure adds to."""
    counters = [("login-failures-client", client_address(request), "client")]
    if username:
        counters.append((f"login-failures-{account_kind}", username.strip().lower(), "account"))
    return counters


def record_failure(request, username: str | None, account_kind: str = "account") -> None:
    for name, key, kind in _counters(request, username, account_kind):
        ratelimit.hit(name, key, _rate(kind))


def forget_account(username: str, account_kind: str = "account") -> None:
    ratelimit.reset(f"login-failures-{account_kind}", username.strip().lower())


def is_throttled(request, username: str | None, account_kind: str = "account") -> bool:
    return any(
        ratelimit.exhausted(name, key, _rate(kind))
        for name, key, kind in _counters(request, username, account_kind)
    )


def record_code_failure(request, username: str) -> None:
    """A wrong two-factor code: counts for the client and for the account's codes."""
    record_failure(request, username, account_kind="code")


def is_code_throttled(request, username: str) -> bool:
    return is_throttled(request, username, account_kind="code")


def forget_code_failures(username: str) -> None:
    forget_account(username, account_kind="code")


def throttled_response(request):
    """The 429 page in Vietnamese, with Retry-After."""
    window = settings.PORTAL_LOGIN_THROTTLE["window_seconds"]
    minutes = math.ceil(window / 60)
    response = render(
        request, "portal_accounts/login_throttled.html", {"minutes": minutes}, status=429
    )
    response["Retry-After"] = str(window)
    return response


def _on_failure(sender, credentials, request=None, **kwargs):
    if request is not None:
        record_failure(request, credentials.get("username"))


def _on_success(sender, request, user, **kwargs):
    forget_account(user.get_username())


def connect() -> None:
    user_login_failed.connect(_on_failure, dispatch_uid="portal_login_failed")
    user_logged_in.connect(_on_success, dispatch_uid="portal_logged_in")


class LoginThrottleMiddleware:
    """Refuses sign-in attempts (POST to the admin's login page) while throttled."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path_info == _login_path():
            if is_throttled(request, request.POST.get("username")):
                return throttled_response(request)
        return self.get_response(request)


def _login_path() -> str | None:
    try:
        return reverse("wagtailadmin_login")
    except NoReverseMatch:
        return None
