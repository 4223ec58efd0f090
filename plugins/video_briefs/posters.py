"""Poster images and durations of uploaded videos, stored in the unit's image library."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from portal.tenancy.storage import local_copy

from . import ffmpeg


def duration_of(video) -> int | None:
    """Seconds, from ffprobe, or else from what the media library recorded, or None."""
    with local_copy(video.file) as path:
        seconds = ffmpeg.duration_seconds(path)
    if seconds is None and video.duration:
        seconds = round(video.duration)
    return seconds


def poster_from(video, user=None):
    """A new library image of a frame of `video`, or None without ffmpeg."""
    with local_copy(video.file) as path:
        jpeg = ffmpeg.poster_jpeg(path)
    if not jpeg:
        return None
    return get_image_model().objects.create(
        title=f"Ảnh bìa: {video.title}"[:255],
        collection_id=video.collection_id,
        uploaded_by_user=user,
        file=ImageFile(BytesIO(jpeg), name=f"{Path(video.file.name).stem}-poster.jpg"),
    )
