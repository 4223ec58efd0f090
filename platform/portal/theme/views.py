"""Views of the shared theme that every portal serves."""

from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import Http404
from django.views.static import serve


def unit_media(request, path: str):
    """Serve a file of the current unit only (development; nginx does it in production)."""
    root = Path(settings.MEDIA_ROOT) / connection.schema_name
    if not root.is_dir():
        raise Http404
    return serve(request, path, document_root=root)
