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

import hashlib
import math

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django_tenants.utils import get_public_schema_name, schema_context

DEFAULTS = {"account_failures": 5, "client_failures": 20, "window_seconds": 15 * 60}


def limits() -> dict:
    return {**DEFAULTS, **getattr(settings, "PORTAL_LOGIN_THROTTLE", {})}


def client_address(request) -> str:
    """The client's address: from the proxy's header when one is configured, else the socket's."""
    header = getattr(settings, "PORTAL_CLIENT_IP_HEADER", None)
    address = request.META.get(header, "") if header else ""
    return address.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"portal:login-failures:{kind}:{digest}"


def _keys(request, username: str | None, account_kind: str = "account") -> dict[str, str]:
    keys = {"client": _key("client", client_address(request))}
    if username:
        keys["account"] = _key(account_kind, username)
    return keys


def record_failure(request, username: str | None, account_kind: str = "account") -> None:
    window = limits()["window_seconds"]
    with schema_context(get_public_schema_name()):
        for key in _keys(request, username, account_kind).values():
            # The window starts at the first failure; incr keeps its expiry.
            cache.add(key, 0, timeout=window)
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=window)


def forget_account(username: str, account_kind: str = "account") -> None:
    with schema_context(get_public_schema_name()):
        cache.delete(_key(account_kind, username))


def is_throttled(request, username: str | None, account_kind: str = "account") -> bool:
    config = limits()
    keys = _keys(request, username, account_kind)
    with schema_context(get_public_schema_name()):
        counts = cache.get_many(list(keys.values()))
    return any(counts.get(key, 0) >= config[f"{kind}_failures"] for kind, key in keys.items())


def record_code_failure(request, username: str) -> None:
    """A wrong two-factor code: counts for the client and for the account's codes."""
    record_failure(request, username, account_kind="code")


def is_code_throttled(request, username: str) -> bool:
    return is_throttled(request, username, account_kind="code")


def forget_code_failures(username: str) -> None:
    forget_account(username, account_kind="code")


def throttled_response(request):
    """The 429 page in Vietnamese, with Retry-After."""
    minutes = math.ceil(limits()["window_seconds"] / 60)
    response = render(
        request, "portal_operations/login_throttled.html", {"minutes": minutes}, status=429
    )
    response["Retry-After"] = str(limits()["window_seconds"])
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
