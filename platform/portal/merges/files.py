"""Copying a unit's images, documents and media (rows and files) into the survivor.

Files are copied byte for byte into the survivor's media folder under the same
relative name (the storage picks a free name when one is taken); every file
written is remembered, so a merge that rolls back removes them again.
"""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import models
from django_tenants.utils import schema_context
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from .remap import IdMaps


def file_models() -> dict[str, type[models.Model]]:
    """The models whose rows carry uploaded files, by the kind `IdMaps` maps them under."""
    found = {"image": get_image_model(), "document": get_document_model()}
    if apps.is_installed("wagtailmedia"):
        from wagtailmedia.models import get_media_model

        found["media"] = get_media_model()
    return found


class WrittenFiles:
    """Files written into the survivor's folder during a merge; removed if it rolls back.

    Besides the copies it stores itself, anything else new in a watched folder
    (renditions made while the ledger describes the new pages) goes too.
    """

    def __init__(self):
        self.paths: list[Path] = []
        self.watched: dict[Path, set[Path]] = {}

    def watch(self, folder: Path) -> None:
        if folder not in self.watched:
            self.watched[folder] = _files_in(folder)

    def save(self, name: str, source: Path) -> str:
        """Store a copy of `source` as `name` with the current unit's storage; the name used."""
        with source.open("rb") as stream:
            stored = default_storage.save(name, File(stream, name=Path(name).name))
        self.paths.append(Path(default_storage.path(stored)))
        return stored

    def remove_all(self) -> None:
        for path in self.paths:
            path.unlink(missing_ok=True)
        for folder, before in self.watched.items():
            for path in _files_in(folder) - before:
                path.unlink(missing_ok=True)
        self.paths.clear()


def _files_in(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()} if folder.is_dir() else set()


def unit_collection(name: str) -> Collection:
    """The survivor's collection holding a merged unit's files (one per merged unit)."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(instance=Collection(name=name))


def copy_file_rows(kind: str, model, maps: IdMaps, target_schema: str, written: WrittenFiles):
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
                f.attname: (
                    getattr(row, f.attname).name,
                    Path(default_storage.path(getattr(row, f.attname).name)),
                )
                for f in file_fields
                if getattr(row, f.attname)
            }
            tags = list(row.tags.names()) if hasattr(row, "tags") else []
            rows.append((row.pk, values, files, tags))
    with schema_context(target_schema):
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
            for attname, (name, path) in files.items():
                stored = written.save(name, path)
                renamed[name] = stored
                setattr(copy, attname, stored)
            copy.save()
            if auto_dates:
                model.objects.filter(pk=copy.pk).update(**{a: values[a] for a in auto_dates})
            if tags:
                copy.tags.add(*tags)
            getattr(maps, kind)[old_pk] = copy.pk
    return renamed
