"""Copying a unit's images, documents and media (rows and files) into the survivor.

Files are copied through the storage (local folders or the bucket alike): read from
the merged unit's storage, written to the survivor's under the same relative name
(the storage picks a free name when one is taken). The merged unit's own files stay
where they are, as its pages do (an archived unit keeps everything). Every file
written is remembered, so a merge that does not commit removes them again.
"""

from __future__ import annotations

import logging
import posixpath

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import models
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from portal.operations.unit_media import stored_names
from portal.tenancy.storage import STORAGE_ERRORS

from .errors import MergeError
from .remap import IdMaps

logger = logging.getLogger(__name__)
# Where Wagtail stores renditions (AbstractRendition.get_upload_to).
RENDITIONS_FOLDER = "images"


def file_models() -> dict[str, type[models.Model]]:
    """The models whose rows carry uploaded files, by the kind `IdMaps` maps them under."""
    found = {"image": get_image_model(), "document": get_document_model()}
    if apps.is_installed("wagtailmedia"):
        from wagtailmedia.models import get_media_model

        found["media"] = get_media_model()
    return found


class WrittenFiles:
    """Files written into the survivor's storage during a merge; removed if it does not commit.

    Besides the copies it stores itself, the renditions made while the ledger describes
    the new pages go too: names new in the renditions' folder that no rendition row
    holds once the transaction is over.
    """

    def __init__(self):
        self.schema: str | None = None
        self.names: list[str] = []
        self.renditions_before: set[str] = set()

    def watch(self, schema: str) -> None:
        """Remember the survivor's renditions before the merge writes anything."""
        try:
            with schema_context(schema):
                self.renditions_before = _renditions_stored()
        except STORAGE_ERRORS as error:
            logger.warning("Merge: the storage of %s cannot be listed: %s", schema, error)
            raise MergeError(
                _("Kho lưu trữ tệp không trả lời, chưa thể sáp nhập. Chưa có gì thay đổi.")
            ) from error
        self.schema = schema

    def copy(self, name: str, source_schema: str, unit_name: str) -> str:
        """Copy the stored file `name` of `source_schema` to the survivor; the name used."""
        try:
            with schema_context(source_schema):
                source = default_storage.open(name, "rb")
            with source, schema_context(self.schema):
                stored = default_storage.save(name, File(source, name=posixpath.basename(name)))
        except STORAGE_ERRORS as error:
            logger.warning("Merge: %s of %s not copied: %s", name, source_schema, error)
            raise MergeError(
                _(
                    "Không chép được tệp “%(name)s” của %(unit)s sang đơn vị tiếp nhận "
                    "(tệp bị thiếu hoặc kho lưu trữ tệp không trả lời). Chưa có gì thay đổi."
                )
                % {"name": name, "unit": unit_name}
            ) from error
        self.names.append(stored)
        return stored

    def remove_all(self) -> None:
        """Remove what the merge wrote. Best effort: what cannot be removed is logged."""
        if self.schema is None:
            return
        with schema_context(self.schema):
            try:
                made = _renditions_stored() - self.renditions_before
            except STORAGE_ERRORS as error:
                logger.warning("Merge rolled back: renditions not listed: %s", error)
                made = set()
            held = set(
                get_image_model()
                .get_rendition_model()
                .objects.filter(file__in=made)
                .values_list("file", flat=True)
            )
            for name in [*self.names, *sorted(made - held)]:
                try:
                    default_storage.delete(name)
                except STORAGE_ERRORS as error:
                    logger.warning("Merge rolled back: %s of %s left: %s", name, self.schema, error)
        self.names.clear()


def _renditions_stored() -> set[str]:
    try:
        return set(stored_names(RENDITIONS_FOLDER))
    except FileNotFoundError:  # a local unit without renditions yet
        return set()


def unit_collection(name: str) -> Collection:
    """The survivor's collection holding a merged unit's files (one per merged unit)."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(instance=Collection(name=name))


def copy_file_rows(kind: str, model, maps: IdMaps, unit_name: str, written: WrittenFiles):
    """Copy every row of `model` from the merged unit's schema to the survivor's.

    Returns {old name: new name} of the stored files (for redirects of file URLs).
    """
    renamed: dict[str, str] = {}
    file_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
    with schema_context(maps.source_schema):
        rows = []
        for row in model.objects.order_by("pk"):
            values = {
                f.attname: f.value_from_object(row)
                for f in model._meta.concrete_fields
                if not f.primary_key and not isinstance(f, models.FileField)
            }
            files = {
                f.attname: getattr(row, f.attname).name
                for f in file_fields
                if getattr(row, f.attname)
            }
            tags = list(row.tags.names()) if hasattr(row, "tags") else []
            rows.append((row.pk, values, files, tags))
    with schema_context(written.schema):
        auto_dates = [
            f.attname for f in model._meta.concrete_fields if getattr(f, "auto_now_add", False)
        ]
        for old_pk, values, files, tags in rows:
            for f in model._meta.concrete_fields:
                if f.is_relation and f.attname in values:
                    values[f.attname] = maps.new_id(
                        f.related_model, values[f.attname], nullable=f.null, where=f.name
                    )
            copy = model(**values)
            for attname, name in files.items():
                stored = written.copy(name, maps.source_schema, unit_name)
                renamed[name] = stored
                setattr(copy, attname, stored)
            copy.save()
            if auto_dates:
                model.objects.filter(pk=copy.pk).update(**{a: values[a] for a in auto_dates})
            if tags:
                copy.tags.add(*tags)
            getattr(maps, kind)[old_pk] = copy.pk
    return renamed
