"""Media storage: each unit's files under its own schema's folder, served at /media/ on its hosts.

Two backends, one rule: local files under MEDIA_ROOT/<schema>/ (UnitMediaStorage), or
objects under the key prefix <schema>/ of an S3-compatible bucket (UnitObjectStorage,
when PORTAL_MEDIA_S3_BUCKET is set). Either way a file's URL is /media/<name>, with no
schema in it, answered by the application (sites.file_views) on the unit's own hosts only:
the bucket stays private and never hands out a URL of its own.
"""

import posixpath
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core import checks
from django.core.exceptions import SuspiciousOperation
from django.core.files.storage import storages
from django.db import connection
from django.utils.encoding import filepath_to_uri
from django_tenants.files.storage import TenantFileSystemStorage
from storages.backends.s3 import S3Storage
from storages.utils import clean_name, safe_join

# What reading or writing a stored file raises when it cannot be done: local folders
# (OSError, FileNotFoundError among them) or the bucket (botocore's errors).
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)


def stores_locally(storage) -> bool:
    """Whether `storage` keeps files in local folders (else: objects in a bucket)."""
    try:
        storage.path("")
    except NotImplementedError:
        return False
    return True


@contextmanager
def local_copy(file) -> Iterator[Path]:
    """A temporary local copy of the stored `file` (a FieldFile), for tools that need a path.

    Read through the storage, so it works on either backend; removed on leaving.
    """
    with tempfile.TemporaryDirectory(prefix="stored-") as folder:
        copy = Path(folder) / posixpath.basename(file.name)
        with file.open("rb") as source, copy.open("wb") as target:
            for chunk in source.chunks():
                target.write(chunk)
        yield copy


class RandomFolderNames:
    """Every upload gets a random folder of its own, `documents/<random>/374-TB-HU.pdf`:
    stored names cannot be guessed, and the file's own name stays readable."""

    def generate_filename(self, filename):
        folder, name = posixpath.split(super().generate_filename(filename))
        return posixpath.join(folder, secrets.token_urlsafe(12), name)


class UnitMediaStorage(RandomFolderNames, TenantFileSystemStorage):
    """Files are stored per schema; URLs carry no schema, so a unit's files are
    reachable only through that unit's hosts (see sites.file_views.unit_media)."""

    def _clear_cached_properties(self, setting, **kwargs):
        # django-tenants caches the media root and forgets to drop it when MEDIA_ROOT changes.
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "MEDIA_ROOT":
            self.__dict__.pop("relative_media_root", None)

    @property
    def base_url(self):
        return settings.MEDIA_URL


class UnitObjectStorage(RandomFolderNames, S3Storage):
    """Objects of the current unit under the key prefix `<schema>/` of one bucket.

    The prefix is read from the connection at every call (one storage object serves
    every unit), so a name can only ever reach the current unit's objects.
    """

    def key_prefix(self) -> str:
        return f"{connection.schema_name}/"

    def _normalize_name(self, name):
        try:
            return safe_join(self.key_prefix(), name)
        except ValueError as error:
            raise SuspiciousOperation(f"Attempted access to {name!r} denied.") from error

    def url(self, name, parameters=None, expire=None, http_method=None):
        """The application's address of the file, never the bucket's (see the module doc)."""
        return settings.MEDIA_URL + filepath_to_uri(clean_name(name)).lstrip("/")

    def write_exactly(self, name, content) -> str:
        """Store `content` under exactly `name`, as a restore must (save() picks a free name)."""
        return self._save(clean_name(name), content)


def media_bucket_problem() -> str | None:
    """Why the media bucket cannot be used (missing, wrong keys, unreachable), or None.

    None too when media are in local folders.
    """
    storage = storages["default"]
    if not isinstance(storage, UnitObjectStorage):
        return None
    try:
        storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
    except (BotoCoreError, ClientError) as error:
        return f"The media bucket {storage.bucket_name!r} cannot be used: {error}"
    return None


def check_media_bucket(app_configs=None, **kwargs) -> list[checks.Error]:
    """At start-up (manage.py check, migrate, runserver): the media bucket answers to its keys."""
    problem = media_bucket_problem()
    if problem is None:
        return []
    return [
        checks.Error(
            problem,
            hint="Check PORTAL_MEDIA_S3_BUCKET, _ENDPOINT_URL and the keys "
            "(docs/settings.md); the bucket must exist.",
            id="portal_tenancy.E001",
        )
    ]
