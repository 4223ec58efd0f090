"""Views of the shared theme that every portal serves."""

from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.static import serve


def unit_media(request, path: str):
    """Serve a file of the current unit only (development; nginx does it in production)."""
    root = Path(settings.MEDIA_ROOT) / connection.schema_name
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
