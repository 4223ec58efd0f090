"""A unit portal's address as seen from the current request."""

DEFAULT_PORTS = {"http": "80", "https": "443"}


def portal_url(domain: str, request) -> str:
    """The portal's home on `domain`, with the scheme and port this request came in on."""
    port = request.get_port()
    suffix = "" if port == DEFAULT_PORTS.get(request.scheme) else f":{port}"
    return f"{request.scheme}://{domain}{suffix}/"
