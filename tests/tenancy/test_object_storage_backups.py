"""Backups and restores of a unit whose media are on the bucket (the real S3Proxy server).

Like tests/operations/test_restore_drill.py, the unit is committed (a backup runs
pg_dump on its own connection), so these tests unblock the database themselves.
"""

from __future__ import annotations

import hashlib
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.test import Client
from django_tenants.utils import schema_context
from wagtail.documents import get_document_model

from portal.tenancy.models import Unit
from tests.operations import test_restore_drill as drill
from tests.operations.test_restore_drill import CODE, DOMAIN, PDF, delete_unit

from . import object_store

# The restore drill's unit (pages, a document, an image and a rendition), made after
# on_s3 has put the media on the bucket.
drill_unit = drill.drill_unit
media_root = drill.media_root  # drill_unit's own fixture
pytestmark = pytest.mark.usefixtures("on_s3")


def objects_of(schema_name: str) -> dict[str, str]:
    """Every object under the unit's prefix, by key, with the SHA-256 of its bytes."""
    s3 = object_store.client()
    return {
        key: hashlib.sha256(
            s3.get_object(Bucket=object_store.bucket_name(), Key=key)["Body"].read()
        ).hexdigest()
        for key in object_store.keys(f"{schema_name}/")
    }


def lose_objects(schema_name: str) -> None:
    for key in object_store.keys(f"{schema_name}/"):
        object_store.client().delete_object(Bucket=object_store.bucket_name(), Key=key)


def test_backup_and_restore_of_a_unit_whose_media_are_on_the_bucket(
    drill_unit, tmp_path, django_db_blocker
):
    with django_db_blocker.unblock():
        schema_name = drill_unit.schema_name
        before = objects_of(schema_name)
        assert len(before) >= 3  # the document, the image and its rendition
        backup = tmp_path / "backup"
        call_command("backup_unit", CODE, output=backup)
        with tarfile.open(backup / "media.tar.gz") as tar:
            archived = {member.name for member in tar.getmembers() if member.isfile()}
        assert archived == {key.removeprefix(f"{schema_name}/") for key in before}

        delete_unit(CODE)
        lose_objects(schema_name)
        assert objects_of(schema_name) == {}
        call_command("restore_unit", str(backup))
        assert objects_of(schema_name) == before
        client = Client(HTTP_HOST=DOMAIN)
        with schema_context(schema_name):
            stored = get_document_model().objects.get()
        download = client.get(stored.url)
        assert download.status_code == 200 and download.getvalue() == PDF

        # Over the existing unit: an object written after the backup goes, the backup's stay.
        with schema_context(schema_name):
            later = storages["default"].save("documents/sau-sao-luu.txt", ContentFile(b"sau"))
        assert f"{schema_name}/{later}" in objects_of(schema_name)
        call_command("restore_unit", str(backup), replace=True)
        assert objects_of(schema_name) == before


def test_a_failing_restore_leaves_no_object_on_the_bucket(drill_unit, tmp_path, django_db_blocker):
    with django_db_blocker.unblock():
        schema_name = drill_unit.schema_name
        backup = tmp_path / "backup"
        call_command("backup_unit", CODE, output=backup)
        drill.break_ledger(backup)
        delete_unit(CODE)
        lose_objects(schema_name)
        with pytest.raises(Exception, match="value too long"):
            call_command("restore_unit", str(backup))
        assert not Unit.objects.filter(code=CODE).exists()
        assert objects_of(schema_name) == {}
