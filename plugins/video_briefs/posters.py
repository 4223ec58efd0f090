"""Poster images and durations of uploaded videos, stored in the unit's image library."""

from __future__ import annotations

import tempfile
from io import BytesIO
from pathlib import Path

from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from . import ffmpeg


def _local_copy(video) -> Path:
    suffix = Path(video.file.name).suffix
    with (
        tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as copy,
        video.file.open("rb") as f,
    ):
        for chunk in f.chunks():
            copy.write(chunk)
    return Path(copy.name)


def duration_of(video) -> int | None:
    """Seconds, from ffprobe, or else from what the media library recorded, or None."""
    path = _local_copy(video)
    try:
        seconds = ffmpeg.duration_seconds(path)
    finally:
        path.unlink(missing_ok=True)
    if seconds is None and video.duration:
        seconds = round(video.duration)
    return seconds


def poster_from(video, user=None):
    """A new library image of a frame of `video`, or None without ffmpeg."""
    path = _local_copy(video)
    try:
        jpeg = ffmpeg.poster_jpeg(path)
    finally:
        path.unlink(missing_ok=True)
    if not jpeg:
        return None
    return get_image_model().objects.create(
        title=f"Ảnh bìa: {video.title}"[:255],
        collection_id=video.collection_id,
        uploaded_by_user=user,
        file=ImageFile(BytesIO(jpeg), name=f"{Path(video.file.name).stem}-poster.jpg"),
    )
