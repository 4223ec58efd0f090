"""Audio, video and thumbnail uploads judged by their content (the `filetype` library).

The extension must be an allowed one and the bytes must say the same thing: a
renamed HTML page, SVG or executable is refused, whatever its name.
"""

from __future__ import annotations

from pathlib import Path

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Extension → what the content may be detected as (M4A is an MP4 container).
MEDIA_CONTENT = {
    "mp4": {"mp4", "m4v"},
    "webm": {"webm"},
    "mp3": {"mp3"},
    "m4a": {"m4a", "mp4"},
    "ogg": {"ogg"},
}
THUMBNAIL_CONTENT = {"jpg": {"jpg"}, "jpeg": {"jpg"}, "png": {"png"}, "webp": {"webp"}}
_HEAD_BYTES = 8192


def _head(upload) -> bytes:
    start = upload.tell()
    upload.seek(0)
    head = upload.read(_HEAD_BYTES)
    upload.seek(start)
    return head


def check(upload, allowed: dict[str, set[str]], max_bytes: int) -> None:
    """Raise ValidationError (in Vietnamese) unless `upload` is of an allowed kind by name and
    content."""
    extension = Path(upload.name).suffix.lower().lstrip(".")
    names = ", ".join(f".{name}" for name in allowed)
    if extension not in allowed:
        raise ValidationError(_("Chỉ nhận tệp %(names)s.") % {"names": names})
    if upload.size == 0:
        raise ValidationError(_("Tệp rỗng."))
    if upload.size > max_bytes:
        raise ValidationError(_("Tệp lớn hơn %(limit)s.") % {"limit": _size_label(max_bytes)})
    detected = filetype.guess(_head(upload))
    if detected is None or detected.extension not in allowed[extension]:
        raise ValidationError(
            _("Nội dung tệp không phải .%(extension)s (tệp đã bị đổi tên?).")
            % {"extension": extension}
        )


def _size_label(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size // (1024 * 1024)} MB"
    return f"{max(1, size // 1024)} KB"


def media_max_bytes() -> int:
    return settings.PORTAL_MEDIA_MAX_UPLOAD_SIZE


def thumbnail_max_bytes() -> int:
    return settings.PORTAL_THUMBNAIL_MAX_UPLOAD_SIZE
