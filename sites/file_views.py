"""The routes that return a unit's files: `/media/<name>` and `/documents/<id>/<name>`.

Both ask sites.file_access who may have the file; a refusal is the very same
404 as a file that does not exist. Every file answer is a sandboxed download
unless its type is safe to show, and says who may keep it: shared caches
keep only files of live pages (and briefly, so a withdrawn file leaves them
soon); files shown to the unit's own people are never stored.
"""

from __future__ import annotations

import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.views.decorators.http import require_safe
from django.views.static import serve
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as wagtail_serve_document

from portal.tenancy.storage import stores_locally

from .file_access import Access, access_to_object, access_to_stored

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
FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
PUBLIC_CACHE_CONTROL = "public, max-age=600"
MEMBERS_CACHE_CONTROL = "private, no-store"


def _as_file_response(response, access: Access):
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type not in INLINE_SAFE_TYPES:
        response["Content-Disposition"] = "attachment"
    response["Content-Security-Policy"] = FILE_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = (
        PUBLIC_CACHE_CONTROL if access is Access.PUBLIC else MEMBERS_CACHE_CONTROL
    )
    return response


@require_safe
def unit_media(request, path: str):
    """A file of the current unit, to whoever may have it (sites.file_access).

    Local files: the root is the per-unit storage's own location, so files are
    served from exactly where that unit's uploads were written; in production
    (PORTAL_MEDIA_ACCEL_PREFIX set) nginx sends the file: this view answers
    X-Accel-Redirect once the file is allowed. Objects in a bucket: the storage
    only reaches the current unit's key prefix, and the object is streamed from it.
    """
    if "\x00" in path:
        raise Http404  # no such file name can exist
    if not stores_locally(default_storage):
        return _object_file(request, path)
    root = Path(default_storage.location).resolve()
    target = (root / path).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        raise Http404
    access = access_to_stored(request, target.relative_to(root).as_posix())
    if access is None:
        raise Http404
    accel_prefix = settings.PORTAL_MEDIA_ACCEL_PREFIX
    if not accel_prefix:
        return _as_file_response(serve(request, path, document_root=root), access)
    relative = target.relative_to(Path(settings.MEDIA_ROOT).resolve()).as_posix()
    content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = accel_prefix + quote(relative)
    return _as_file_response(response, access)


def _object_file(request, path: str):
    """A file of the unit's key prefix in the bucket (portal.tenancy.storage.UnitObjectStorage)."""
    name = posixpath.normpath(path)
    if name != path or name.startswith(("/", "../")) or name in (".", ".."):
        raise Http404  # stored names are plain relative paths
    access = access_to_stored(request, name)
    if access is None or not default_storage.exists(name):
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
    return _as_file_response(response, access)


@require_safe
def document(request, document_id: str, document_filename: str):
    """Wagtail's document download, for whoever may have the document (sites.file_access)."""
    found = get_document_model().objects.filter(pk=int(document_id)).first()
    if found is None or found.filename != document_filename:
        raise Http404
    access = access_to_object(request, found)
    if access is None or not found.file.storage.exists(found.file.name):
        raise Http404  # refused, or its file withdrawn from storage
    return _as_file_response(
        wagtail_serve_document(request, document_id, document_filename), access
    )
