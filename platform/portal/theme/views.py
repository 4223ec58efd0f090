"""Views of the shared theme that every portal serves."""

import mimetypes
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.static import serve

from portal.tenancy import addresses


def unit_media(request, path: str):
    """Serve a file of the current unit only.

    The root is the per-unit storage's own location, so files are served from
    exactly where that unit's uploads were written. In production
    (PORTAL_MEDIA_ACCEL_PREFIX set) nginx sends the file: this view only checks
    that it belongs to the unit of the host asked and answers X-Accel-Redirect.
    """
    root = Path(default_storage.location)
    if not root.is_dir():
        raise Http404
    accel_prefix = getattr(settings, "PORTAL_MEDIA_ACCEL_PREFIX", None)
    if not accel_prefix:
        return _download_unless_inline_safe(serve(request, path, document_root=root))
    target = (root / path).resolve()
    if not target.is_relative_to(root.resolve()) or not target.is_file():
        raise Http404
    relative = target.relative_to(Path(settings.MEDIA_ROOT).resolve()).as_posix()
    content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = accel_prefix + quote(relative)
    return _download_unless_inline_safe(response)


# Shown in the browser; anything else (HTML, SVG, XML, scripts...) is a download.
INLINE_SAFE_TYPES = (
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "video/mp4",
    "video/webm",
    "audio/mpeg",
    "audio/mp4",
    "audio/ogg",
    "application/pdf",
    "text/plain",
    "text/vtt",
)


def _download_unless_inline_safe(response):
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type not in INLINE_SAFE_TYPES:
        response["Content-Disposition"] = "attachment"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    return response


@require_safe
def robots_txt(request):
    """Crawlers may index the whole portal; its sitemap is on the host they asked.

    Archived units never get here: the routing middleware answers 410 first.
    """
    sitemap = addresses.absolute(reverse("sitemap"), request)
    body = f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")
