"""A unit's media for backups and restores, wherever they are stored.

Local folders (MEDIA_ROOT/<schema>/) are archived and swapped in as folders; objects
of a bucket (the key prefix <schema>/, portal.tenancy.storage.UnitObjectStorage) are
archived from the bucket and written back to it. Both archives hold the same names,
so a backup taken on one storage restores on the other.
"""

from __future__ import annotations

import posixpath
import shutil
import tarfile
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django_tenants.utils import schema_context

from portal.tenancy.storage import stores_locally


def media_root_of(schema: str) -> Path:
    """Where the unit's uploads are stored: the per-unit storage's own location."""
    with schema_context(schema):
        return Path(default_storage.location)


def in_a_bucket() -> bool:
    return not stores_locally(default_storage)


def stored_names(folder: str = "") -> Iterator[str]:
    """Every file name of the current unit's storage under `folder`."""
    folders, files = default_storage.listdir(folder)
    for name in files:
        yield posixpath.join(folder, name)
    for child in folders:
        yield from stored_names(posixpath.join(folder, child))


def archive(schemas: list[str], target: Path, *, by_schema: bool) -> None:
    """A tar.gz of the units' media; names under `<schema>/` when `by_schema`."""
    with tarfile.open(target, "w:gz") as tar:
        for schema in schemas:
            prefix = f"{schema}/" if by_schema else ""
            if not in_a_bucket():
                root = media_root_of(schema)
                if root.is_dir():
                    for child in sorted(root.iterdir()):
                        tar.add(child, arcname=prefix + child.name)
                continue
            with schema_context(schema):
                for name in sorted(stored_names()):
                    info = tarfile.TarInfo(prefix + name)
                    info.size = default_storage.size(name)
                    with default_storage.open(name, "rb") as stream:
                        tar.addfile(info, stream)


def _unpack(archive_path: Path, staging: Path) -> Path:
    staging.mkdir(parents=True)
    with tarfile.open(archive_path, "r:gz") as tar:
        tar.extractall(staging, filter="data")  # refuses absolute paths and "..", links out
    return staging


class FolderMedia:
    """The unit's media folder, unpacked beside its place and swapped in before the commit."""

    def __init__(self, schema: str, archive_path: Path):
        self.target = media_root_of(schema)
        self.staging = _unpack(
            archive_path, self.target.parent / f".restore-{self.target.name}-{uuid.uuid4().hex[:8]}"
        )
        self.previous: Path | None = None

    def swap_in(self) -> None:
        if self.target.exists():
            self.previous = (
                self.target.parent / f".replaced-{self.target.name}-{uuid.uuid4().hex[:8]}"
            )
            self.target.rename(self.previous)
        self.staging.rename(self.target)

    def undo(self) -> None:
        if self.staging.exists():
            shutil.rmtree(self.staging, ignore_errors=True)
        elif self.target.exists():  # the new media had been moved in
            self.target.rename(self.staging)
            shutil.rmtree(self.staging, ignore_errors=True)
        if self.previous is not None and self.previous.exists():
            self.previous.rename(self.target)

    def finish(self) -> None:
        if self.previous is not None:
            shutil.rmtree(self.previous, ignore_errors=True)


class BucketMedia:
    """The unit's objects: the backup's are written before the commit, the others removed after.

    Stored names are never reused (a random folder each), so an object already there
    under a backup's name is that very file and is kept as it is.
    """

    def __init__(self, schema: str, archive_path: Path):
        self.schema = schema
        self.staging = _unpack(archive_path, Path(tempfile.mkdtemp(prefix="restore-")) / "media")
        self.names = {
            path.relative_to(self.staging).as_posix()
            for path in self.staging.rglob("*")
            if path.is_file()
        }
        self.added: list[str] = []
        self.before: set[str] = set()

    def swap_in(self) -> None:
        with schema_context(self.schema):
            self.before = set(stored_names())
            for name in sorted(self.names - self.before):
                with (self.staging / name).open("rb") as stream:
                    default_storage.write_exactly(name, File(stream))
                self.added.append(name)

    def _drop(self, names) -> None:
        with schema_context(self.schema):
            for name in names:
                default_storage.delete(name)
        shutil.rmtree(self.staging.parent, ignore_errors=True)

    def undo(self) -> None:
        self._drop(self.added)

    def finish(self) -> None:
        self._drop(sorted(self.before - self.names))


def restorer(schema: str, archive_path: Path) -> FolderMedia | BucketMedia:
    return BucketMedia(schema, archive_path) if in_a_bucket() else FolderMedia(schema, archive_path)
