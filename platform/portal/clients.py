"""Who is asking: the client's address, behind the proxy or not."""

from __future__ import annotations

from django.conf import settings


def client_address(request) -> str:
    """From the proxy's header when PORTAL_CLIENT_IP_HEADER names one, else the socket's."""
    header = settings.PORTAL_CLIENT_IP_HEADER
    address = request.META.get(header, "") if header else ""
    return address.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")
