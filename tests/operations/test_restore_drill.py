"""The restore drill: a unit is backed up, deleted and restored; pages, documents and files
come back identical, its ledger rows too, and no other unit is touched or included.

The unit is committed (pg_dump runs in its own process and sees only committed
data), so this test works outside a test transaction and cleans up after itself.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from portal.audit.models import AuditEntry
from portal.operations.backups import sha256
from portal.publications.models import Publication
from portal.tenancy import pg_tools
from portal.tenancy.models import Unit
from portal.tenancy.provisioning import UnitSpec, provision
from sites.models import DocumentAttachment
from tests.sites.factories import document, publish_article

CODE, DOMAIN = "TN-HA-DT", "dien-tap.test.localhost"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF"


@pytest.fixture
def media_root(settings, tmp_path):
    storage = storages["default"]
    storage.__dict__.pop("relative_media_root", None)
    settings.MEDIA_ROOT = str(tmp_path / "media")
    yield Path(settings.MEDIA_ROOT)
    storage.__dict__.pop("relative_media_root", None)


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def delete_unit(code: str) -> None:
    """What a disaster does: the schema, the rows and the files are gone."""
    unit = Unit.objects.filter(code=code).first()
    schema = unit.schema_name if unit else "u_" + code.lower().replace("-", "_")
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    if unit is not None:
        Unit.objects.filter(pk=unit.pk).delete()
    connection.set_schema_to_public()
    shutil.rmtree(Path(settings.MEDIA_ROOT) / schema, ignore_errors=True)


def fill(schema: str) -> None:
    with schema_context(schema):
        publish_article("Diễn tập phòng cháy chữa cháy năm 2025")
        publish_article("Hội nghị tổng kết công tác diễn tập")
        file = get_document_model().objects.create(
            title="Kế hoạch diễn tập", file=ContentFile(PDF, name="ke-hoach-dien-tap.pdf")
        )
        page = document("15/KH-DT", publish=False)
        DocumentAttachment.objects.create(page=page, document=file, title="Toàn văn")
        page.save_revision().publish()
        image = get_image_model().objects.create(
            title="Ảnh diễn tập", file=ContentFile(png(), name="anh-dien-tap.png")
        )
        image.get_rendition("fill-20x20")  # a rendition file too


def files_of(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def snapshot(code: str, media: Path) -> dict:
    unit = Unit.objects.get(code=code)
    with schema_context(unit.schema_name):
        pages = list(
            Page.objects.order_by("path").values(
                "id",
                "path",
                "title",
                "slug",
                "url_path",
                "live",
                "latest_revision_id",
                "content_type__model",
                "first_published_at",
                "last_published_at",
            )
        )
        articles = [
            (page.id, page.lead, page.body.get_prep_value())
            for page in Page.objects.type(Page).specific().order_by("path")
            if hasattr(page, "lead")
        ]
        documents = list(
            get_document_model().objects.order_by("id").values("id", "title", "file", "file_hash")
        )
        images = list(
            get_image_model()
            .objects.order_by("id")
            .values("id", "title", "file", "width", "height")
        )
        attachments = list(
            DocumentAttachment.objects.order_by("id").values("page_id", "document_id", "title")
        )
    ledger = list(
        Publication.objects.filter(unit=unit)
        .order_by("kind", "object_id")
        .values(
            *[
                f.name
                for f in Publication._meta.fields
                if f.name not in {"id", "unit", "index_pending"}
            ]
        )
    )
    return {
        "unit": (unit.name, unit.level.code, unit.get_parent().code, unit.status),
        "domains": list(unit.domains.values_list("domain", "is_primary")),
        "pages": pages,
        "articles": articles,
        "documents": documents,
        "images": images,
        "attachments": attachments,
        "ledger": ledger,
        "files": files_of(media / unit.schema_name),
    }


def other_unit_state(network) -> dict:
    unit = network.unit("district_b")
    with schema_context(unit.schema_name):
        pages = list(Page.objects.order_by("path").values_list("id", "title", "latest_revision_id"))
    ledger = list(Publication.objects.filter(unit=unit).order_by("pk").values_list("pk", "version"))
    return {"pages": pages, "ledger": ledger}


@pytest.fixture
def drill_unit(network, django_db_blocker, media_root):
    with django_db_blocker.unblock():
        delete_unit(CODE)
        unit = provision(
            UnitSpec("Xã Diễn Tập", CODE, "commune", [DOMAIN], parent_code="TN-HA")
        ).unit
        fill(unit.schema_name)
        connection.set_schema_to_public()
        try:
            yield unit
        finally:
            delete_unit(CODE)


def test_restore_drill(drill_unit, network, media_root, tmp_path, django_db_blocker):
    with django_db_blocker.unblock():
        before = snapshot(CODE, media_root)
        other_before = other_unit_state(network)
        assert len(before["ledger"]) == 3 and len(before["files"]) >= 3
        article = next(p for p in before["pages"] if p["title"].startswith("Diễn tập"))
        article_path = "/" + article["url_path"].split("/", 2)[2]  # below the site's root page

        backup = tmp_path / "backup"
        call_command("backup_unit", CODE, output=backup)
        manifest = json.loads((backup / "manifest.json").read_text())
        assert manifest["counts"]["ledger"] == 3 and manifest["domains"][0]["domain"] == DOMAIN
        # Nothing of another unit is in the backup.
        dump = (backup / "schema.sql").read_text()
        assert drill_unit.schema_name in dump
        assert network.units["district_b"].schema_name not in dump
        ledger = json.loads((backup / "ledger.json").read_text())
        assert ledger["unit"] == CODE
        assert sorted(row["title"] for row in ledger["rows"]) == sorted(
            row["title"] for row in before["ledger"]
        )

        delete_unit(CODE)
        assert Client(HTTP_HOST=DOMAIN).get(article_path).status_code == 404
        assert not Publication.objects.filter(unit_id=drill_unit.pk).exists()

        call_command("restore_unit", str(backup))
        audited = AuditEntry.objects.filter(unit_code=CODE).order_by("-pk")[:2]
        assert [entry.action for entry in audited] == [
            "unit.restored_from_backup",
            "unit.backed_up",
        ]
        assert all(entry.actor_name.startswith("os:") for entry in audited)
        after = snapshot(CODE, media_root)
        for part, value in before.items():
            assert after[part] == value, part
        assert other_unit_state(network) == other_before
        restored = Unit.objects.get(code=CODE)
        assert set(
            Publication.objects.filter(unit=restored).values_list("index_pending", flat=True)
        ) == {True}

        # Served again, with its files.
        client = Client(HTTP_HOST=DOMAIN)
        page = client.get(article_path)
        assert page.status_code == 200 and article["title"] in page.content.decode()
        with schema_context(restored.schema_name):
            stored = get_document_model().objects.get()
            download = client.get(stored.url)
        assert download.status_code == 200
        assert download.getvalue() == PDF

        # Never over an existing unit unless told.
        with pytest.raises(CommandError, match="pass --replace"):
            call_command("restore_unit", str(backup))
        call_command("restore_unit", str(backup), replace=True)
        again = snapshot(CODE, media_root)
        for part, value in before.items():
            assert again[part] == value, part


def break_ledger(backup: Path) -> None:
    """A ledger row the database refuses (too long a title), with a valid checksum:
    the schema is replayed first, then the transaction must undo it."""
    ledger = json.loads((backup / "ledger.json").read_text())
    ledger["rows"][-1]["title"] = "x" * 300
    (backup / "ledger.json").write_text(json.dumps(ledger))
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["files"]["ledger.json"] = sha256(backup / "ledger.json")
    (backup / "manifest.json").write_text(json.dumps(manifest))


def test_a_failing_restore_leaves_nothing_behind(
    drill_unit, media_root, tmp_path, django_db_blocker
):
    with django_db_blocker.unblock():
        backup = tmp_path / "backup"
        call_command("backup_unit", CODE, output=backup)
        break_ledger(backup)
        schema = drill_unit.schema_name
        delete_unit(CODE)
        with pytest.raises(Exception, match="value too long"):
            call_command("restore_unit", str(backup))
        assert not Unit.objects.filter(code=CODE).exists()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [schema])
            assert cursor.fetchone() is None
        assert not (media_root / schema).exists()
        assert [p.name for p in media_root.iterdir() if p.name.startswith(".")] == []


def test_damaged_or_foreign_backups_are_refused(drill_unit, tmp_path, django_db_blocker):
    with django_db_blocker.unblock():
        backup = tmp_path / "backup"
        call_command("backup_unit", CODE, output=backup)
        with pytest.raises(CommandError, match="not empty"):
            call_command("backup_unit", CODE, output=backup)
        with pytest.raises(CommandError, match="No unit with code"):
            call_command("backup_unit", "KHONG-CO", output=tmp_path / "x")
        with (backup / "media.tar.gz").open("ab") as archive:
            archive.write(b"tampered")
        with pytest.raises(CommandError, match="checksum"):
            call_command("restore_unit", str(backup), replace=True)
        with pytest.raises(CommandError, match="not a unit backup"):
            call_command("restore_unit", str(tmp_path))


def test_network_backup_holds_every_unit(drill_unit, network, tmp_path, django_db_blocker):
    with django_db_blocker.unblock():
        output = tmp_path / "network"
        call_command("backup_network", output=output, with_units=True)
        manifest = json.loads((output / "manifest.json").read_text())
        codes = {unit["code"] for unit in manifest["units"]}
        assert {CODE, "TN", "TN-HA", "TN-HB-X1"} <= codes
        listing = subprocess.run(
            [str(pg_tools.find("pg_restore")), "--list", str(output / "network.dump")],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for unit in manifest["units"]:
            assert f"SCHEMA - {unit['schema']}" in listing
        # Each unit's own backup is there, restorable on its own.
        assert (output / "units" / CODE / "manifest.json").is_file()
        unit_manifest = json.loads((output / "units" / CODE / "manifest.json").read_text())
        assert unit_manifest["counts"]["ledger"] == 3
