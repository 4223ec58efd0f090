"""Views of the shared theme that every portal serves."""

from pathlib import Path

from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.static import serve


def unit_media(request, path: str):
    """Serve a file of the current unit only (development; nginx does it in production).

    The root is the per-unit storage's own location, so files are served from
    exactly where that unit's uploads were written.
    """
    root = Path(default_storage.location)
    if not root.is_dir():
        raise Http404
    return serve(request, path, document_root=root)


@require_safe
def robots_txt(request):
    """Crawlers may index the whole portal; its sitemap is on the host they asked.

    Archived units never get here: the routing middleware answers 410 first.
    """
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    body = f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")
