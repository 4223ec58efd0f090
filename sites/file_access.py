"""Which of a unit's files a requester may fetch: a file is served only where its page may be seen.

Anonymous visitors get a document, image (original or rendition) or audio and
video file only when a live page without view restriction uses it, or one of
the unit's settings shown on every page (its logo, its banner) does.
Everything else is answered with the same 404 as a file that does not exist.
People with a role in the unit (and network administrators) also get the
unit's unpublished files, never stored by shared caches.

"Uses" is Wagtail's reference index: every page's foreign keys, rich text
and StreamField blocks, child rows included (a document's attachments),
indexed from the page's database row, which holds the live content of a
live page (a draft's changes live in its revision until published). The
answer for each file is kept with the unit's data (sites.unit_data), whose
keys change with any write in the unit, so publishing, unpublishing, a view
restriction or a new file is seen at once.
"""

from __future__ import annotations

import enum
import hashlib

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtailmedia.models import get_media_model

from . import unit_data


class Access(enum.Enum):
    PUBLIC = "public"  # anyone: a live, unrestricted page uses it
    MEMBERS = "members"  # only the unit's own people: never kept by shared caches


Owner = tuple[str, int]  # the model's label and the row's primary key


def _image_of_rendition(name: str) -> Owner | None:
    rendition_model = get_image_model().get_rendition_model()
    image_id = rendition_model.objects.filter(file=name).values_list("image_id", flat=True).first()
    return (get_image_model()._meta.label_lower, image_id) if image_id is not None else None


def _row_with_file(model_getter, field: str):
    def find(name: str) -> Owner | None:
        model = model_getter()
        pk = model.objects.filter(**{field: name}).values_list("pk", flat=True).first()
        return (model._meta.label_lower, pk) if pk is not None else None

    return find


# The first folder of a stored name says which kind of upload it is (the
# models' upload_to) and which row pages refer to.
_OWNERS = {
    "documents": _row_with_file(get_document_model, "file"),
    "original_images": _row_with_file(get_image_model, "file"),
    "images": _image_of_rendition,
    "media": _row_with_file(get_media_model, "file"),
    "media_thumbnails": _row_with_file(get_media_model, "thumbnail"),
}


def owner_of(name: str) -> Owner | None:
    """The uploaded object whose use decides who may fetch the stored file `name`."""
    folder = name.split("/", 1)[0]
    find = _OWNERS.get(folder)
    return find(name) if find is not None else None


def _used_by_settings(model: type[Model], pk: int) -> bool:
    """Whether a unit setting (shown on every page: the logo, the banner) refers to the object.

    Asked directly: Wagtail's reference index does not track settings.
    """
    for setting in apps.get_models():
        if not issubclass(setting, (BaseSiteSetting, BaseGenericSetting)):
            continue
        for field in setting._meta.concrete_fields:
            if field.many_to_one and issubclass(model, field.related_model):
                if setting.objects.filter(**{field.attname: pk}).exists():
                    return True
    return False


def used_publicly(label: str, pk: int) -> bool:
    """True when a live page without view restriction, or a unit setting, refers to the object."""
    model = apps.get_model(label)
    references = ReferenceIndex.get_references_to(model(pk=pk))
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = [
        int(object_id)
        for object_id in references.filter(base_content_type=page_type).values_list(
            "object_id", flat=True
        )
    ]
    if page_ids and Page.objects.live().public().filter(pk__in=page_ids).exists():
        return True
    return _used_by_settings(model, pk)


def _is_member(request) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.exists()  # groups: roles in the current unit


def _cached_public(label: str, pk: int) -> bool:
    return unit_data.cached("file-public", (label, pk), lambda: used_publicly(label, pk))


def access_to_object(request, instance: Model) -> Access | None:
    """How `request` may get the file of `instance`, or None: the 404 of a missing file."""
    if _cached_public(instance._meta.label_lower, instance.pk):
        return Access.PUBLIC
    return Access.MEMBERS if _is_member(request) else None


def access_to_stored(request, name: str) -> Access | None:
    """How `request` may get the stored file `name` (relative to the unit's storage), or None."""
    key = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()
    owner = unit_data.cached("file-owner", (key,), lambda: owner_of(name))
    if owner is not None and _cached_public(*owner):
        return Access.PUBLIC
    return Access.MEMBERS if _is_member(request) else None
