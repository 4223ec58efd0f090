"""Context every template of the theme may rely on."""


def print_view(request):
    """`print`: True for `?print=1`, the printable page (no navigation, print styles)."""
    return {"print": request.GET.get("print") == "1"}
