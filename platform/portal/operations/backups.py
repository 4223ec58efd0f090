"""Back up one unit: its schema, its media folder, its ledger rows and its place in the network.

A unit backup is a folder:

    manifest.json   the unit (code, name, level, parent, status), its domains, the
                    migrations its schema had, counts and the SHA-256 of each file
    schema.sql      pg_dump of the unit's schema (plain SQL, no owners or grants)
    media.tar.gz    the unit's media (MEDIA_ROOT/<schema>/, or its objects in the bucket)
    ledger.json     the unit's rows of the network ledger (portal_publications)

The network backup is one pg_dump of the whole database (every schema) and one
archive of every unit's media (by schema, as in MEDIA_ROOT), optionally with a
unit backup per unit beside them.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.utils import timezone
from django_tenants.utils import get_public_schema_name, schema_context

from portal.publications.models import Publication
from portal.tenancy.models import Unit

from . import unit_media

FORMAT = "portal-unit-backup/1"
NETWORK_FORMAT = "portal-network-backup/1"
SCHEMA_FILE, MEDIA_FILE, LEDGER_FILE, MANIFEST_FILE = (
    "schema.sql",
    "media.tar.gz",
    "ledger.json",
    "manifest.json",
)


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why, plainly."""


@dataclass
class BackupResult:
    directory: Path
    manifest: dict


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def applied_migrations(schema: str) -> list[list[str]]:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT app, name FROM "{schema}".django_migrations ORDER BY app, name')
        return [list(row) for row in cursor.fetchall()]


def content_counts(schema: str) -> dict[str, int]:
    """What a restore must bring back, counted in the unit's own schema."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    with schema_context(schema):
        return {
            "pages": Page.objects.count(),
            "documents": get_document_model().objects.count(),
            "images": get_image_model().objects.count(),
        }


def ledger_fields():
    """The ledger's columns a backup keeps: all but the row's id and its unit."""
    return [
        field for field in Publication._meta.concrete_fields if field.name not in {"id", "unit"}
    ]


def ledger_row(row: Publication) -> dict:
    """Column values as JSON; dates in full ISO form (Django's JSON serializer cuts
    microseconds), read back with each field's to_python."""
    return {field.attname: _plain(field.value_from_object(row)) for field in ledger_fields()}


def _plain(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


def _empty_output(directory: Path) -> None:
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"{directory} is not empty; choose a new folder for the backup.")
    directory.mkdir(parents=True, exist_ok=True)


def backup_unit(code: str, output: Path) -> BackupResult:
    """Write the backup of unit `code` into the new or empty folder `output`."""
    from portal.tenancy import pg_tools

    with schema_context(get_public_schema_name()):
        unit = Unit.objects.select_related("level").filter(code=code).first()
        if unit is None:
            raise BackupError(f"No unit with code {code!r}.")
        output = Path(output)
        _empty_output(output)
        schema = unit.schema_name
        parent = unit.get_parent()
        with (output / SCHEMA_FILE).open("wb") as dump:
            pg_tools.run(
                "pg_dump",
                "--format=plain",
                f"--schema={schema}",
                "--no-owner",
                "--no-privileges",
                "--no-comments",
                stdout=dump,
            )
        unit_media.archive([schema], output / MEDIA_FILE, by_schema=False)
        ledger = Publication.objects.filter(unit=unit).order_by("pk")
        (output / LEDGER_FILE).write_text(
            json.dumps(
                {"unit": unit.code, "rows": [ledger_row(row) for row in ledger]}, ensure_ascii=False
            ),
            encoding="utf-8",
        )
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "unit": {
                "code": unit.code,
                "name": unit.name,
                "level": unit.level.code,
                "parent": parent.code if parent else None,
                "status": unit.status,
                "archived_at": unit.archived_at.isoformat() if unit.archived_at else None,
                "schema": schema,
            },
            "domains": [
                {"domain": domain.domain, "is_primary": domain.is_primary}
                for domain in unit.domains.order_by("-is_primary", "domain")
            ],
            "migrations": applied_migrations(schema),
            "counts": {**content_counts(schema), "ledger": ledger.count()},
            "files": {
                name: sha256(output / name) for name in (SCHEMA_FILE, MEDIA_FILE, LEDGER_FILE)
            },
        }
    (output / MANIFEST_FILE).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return BackupResult(output, manifest)


def backup_network(output: Path, *, with_units: bool = False) -> BackupResult:
    """The whole database (every schema) and every unit's media, into `output`."""
    from portal.tenancy import pg_tools

    output = Path(output)
    _empty_output(output)
    with (output / "network.dump").open("wb") as dump:
        pg_tools.run("pg_dump", "--format=custom", "--no-owner", "--no-privileges", stdout=dump)
    with schema_context(get_public_schema_name()):
        units = list(Unit.objects.exclude(schema_name=get_public_schema_name()).order_by("path"))
    schemas = [get_public_schema_name(), *(unit.schema_name for unit in units)]
    unit_media.archive(schemas, output / "media.tar.gz", by_schema=True)
    manifest = {
        "format": NETWORK_FORMAT,
        "created_at": timezone.now().isoformat(),
        "units": [{"code": unit.code, "schema": unit.schema_name} for unit in units],
        "files": {name: sha256(output / name) for name in ("network.dump", "media.tar.gz")},
    }
    if with_units:
        for unit in units:
            backup_unit(unit.code, output / "units" / unit.code)
    (output / MANIFEST_FILE).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return BackupResult(output, manifest)
