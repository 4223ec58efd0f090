"""Build photo albums for tests (call inside a unit's schema)."""

from __future__ import annotations

import io

from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from sites import demo_scenes
from sites.models import AlbumPage, AlbumPhoto

from .factories import news_section


def album(title: str, captions: list[str], *, publish: bool = True, parent=None) -> AlbumPage:
    """An album of real JPEG photos (drawn scenes), one per caption, in that order."""
    Image = get_image_model()
    kinds = demo_scenes.kinds()
    photos = []
    for n, caption in enumerate(captions):
        data = demo_scenes.picture(kinds[n % len(kinds)], f"test {title} {n}")
        image = Image.objects.create(title=caption, file=ImageFile(io.BytesIO(data), f"a{n}.jpg"))
        photos.append(AlbumPhoto(image=image, caption=caption, source=f"Ảnh: Phóng viên {n + 1}"))
    page = AlbumPage(title=title, lead=f"Giới thiệu {title}", photos=photos, live=False)
    (parent or news_section()).add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return AlbumPage.objects.get(pk=page.pk)
