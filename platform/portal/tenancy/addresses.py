"""The addresses of the network's portals as seen from the current request.

Every portal of a deployment is served by the same server, so a link to any
unit uses the scheme and port the visitor came in on and the host of the
target unit. This module is the one place that computes them: links to other
units, feed and search items, canonical and Open Graph addresses, sitemaps.
The ledger stores absolute addresses (for search engines and feeds read
without a request); `seen_from` rebases them on the request when shown.
"""

from urllib.parse import urlsplit, urlunsplit

from django.http.request import split_domain_port

DEFAULT_PORTS = {"http": "80", "https": "443"}


def variant(request) -> str:
    """What the addresses built here vary on (scheme and port), for cache keys."""
    return f"{request.scheme}:{request.get_port()}"


def base_url(domain: str, request) -> str:
    """`scheme://domain[:port]` of the portal on `domain`, as this request came in."""
    port = str(request.get_port())
    suffix = "" if port == DEFAULT_PORTS.get(request.scheme) else f":{port}"
    return f"{request.scheme}://{domain}{suffix}"


def absolute(path: str, request) -> str:
    """`path` on the host the request asked for, with its scheme and port."""
    return base_url(split_domain_port(request.get_host())[0], request) + path


def portal_url(domain: str, request) -> str:
    """The portal's home on `domain`, with the scheme and port this request came in on."""
    return base_url(domain, request) + "/"


def seen_from(url: str, request) -> str:
    """An absolute portal address (as the ledger stores it) on this request's scheme and port.

    Relative addresses, empty ones and calls without a request are returned unchanged.
    """
    if not url or request is None:
        return url
    parts = urlsplit(url)
    if not parts.hostname or parts.scheme not in DEFAULT_PORTS:
        return url
    rebased = urlsplit(base_url(parts.hostname, request))
    return urlunsplit((rebased.scheme, rebased.netloc, parts.path, parts.query, parts.fragment))
