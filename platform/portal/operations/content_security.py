"""The Content Security Policy: strict on the portals, Wagtail's needs in the admin.

The portals' templates carry no inline script; the one inline style (a unit's
colours) carries the request's nonce. Wagtail's admin still has inline scripts
(panels, date widgets), so paths under the admin get PORTAL_ADMIN_CSP instead.
Views that set a policy of their own (files: Wagtail's documents, /media/) keep it,
with the portal's frame-ancestors added: one framing rule everywhere, the same as
X_FRAME_OPTIONS.
"""

import functools

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse


def admin_prefix() -> str | None:
    """The admin's path prefix under the current URLconf (None where it has no admin)."""
    return _admin_prefix_in(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


@functools.lru_cache(maxsize=32)
def _admin_prefix_in(urlconf: str, script_prefix: str) -> str | None:
    """Reversed once per URLconf and prefix, not at every request."""
    try:
        return reverse("wagtailadmin_home", urlconf=urlconf)
    except NoReverseMatch:
        return None


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        prefix = admin_prefix()
        if (
            not report_only
            and parts.config is None
            and prefix
            and request.path_info.startswith(prefix)
        ):
            parts.config = settings.PORTAL_ADMIN_CSP
        return parts

    def process_response(self, request, response):
        own_policy = response.get(HEADER)
        response = super().process_response(request, response)
        if own_policy is not None and "frame-ancestors" not in own_policy:
            ancestors = " ".join(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-ancestors"])
            response[HEADER] = f"{own_policy.rstrip('; ')}; frame-ancestors {ancestors}"
        return response
