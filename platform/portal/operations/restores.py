"""Restore one unit from its backup folder (see backups.py): all or nothing.

The schema's SQL is replayed through the application's own database
connection, inside the same transaction as the unit's row, its domains and
its ledger rows: a failure anywhere leaves the database as it was. The media
are unpacked first and put in place just before the commit (and taken back if
the commit fails): a folder swapped in, or objects written to the bucket, the
unit's other objects removed once the commit is done (portal.operations.unit_media).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django_tenants.utils import get_public_schema_name, schema_context

from portal.publications.models import Publication
from portal.tenancy import routing
from portal.tenancy.models import Domain, Level, Unit
from portal.tenancy.schemas import existing_schemas

from . import unit_media
from .backups import (
    FORMAT,
    LEDGER_FILE,
    MANIFEST_FILE,
    MEDIA_FILE,
    SCHEMA_FILE,
    BackupError,
    ledger_fields,
    sha256,
)

COPY_END = "\\.\n"
# psql meta-commands that newer pg_dump versions write around a plain dump.
_IGNORED_META = ("\\restrict", "\\unrestrict")


@dataclass
class RestoreResult:
    unit: Unit
    replaced: bool
    pending_migrations: list[tuple[str, str]]


def read_manifest(directory: Path) -> dict:
    """The backup's manifest, after checking every file against its checksum."""
    path = directory / MANIFEST_FILE
    if not path.is_file():
        raise BackupError(f"{directory} is not a unit backup: {MANIFEST_FILE} is missing.")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise BackupError(f"{path} is not valid JSON: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r} (expected {FORMAT}).")
    for name in (SCHEMA_FILE, MEDIA_FILE, LEDGER_FILE):
        file = directory / name
        if not file.is_file():
            raise BackupError(f"The backup lacks {name}.")
        if sha256(file) != manifest["files"][name]:
            raise BackupError(f"{name} does not match its checksum: the backup is damaged.")
    return manifest


def _known_migrations() -> set[tuple[str, str]]:
    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def _check_migrations(manifest: dict) -> list[tuple[str, str]]:
    """Migrations of this code the backup lacks; refuses backups of a newer version."""
    applied = {tuple(item) for item in manifest["migrations"]}
    known = _known_migrations()
    newer = sorted(applied - known)
    if newer:
        shown = ", ".join(f"{app}.{name}" for app, name in newer[:5])
        raise BackupError(
            f"The backup was made by a newer version of the portal (unknown migrations: {shown}). "
            "Upgrade this installation first."
        )
    tenant_apps = {app for app, _name in applied}
    return sorted(m for m in known - applied if m[0] in tenant_apps)


def _check_target(manifest: dict, replace: bool) -> tuple[Unit | None, Level, Unit | None]:
    info = manifest["unit"]
    existing = Unit.objects.filter(code=info["code"]).first()
    schema = info["schema"]
    if existing is not None:
        if not replace:
            raise BackupError(
                f"Unit {info['code']} exists; pass --replace to overwrite it with the backup."
            )
        if existing.schema_name != schema:
            raise BackupError(
                f"Unit {info['code']} now uses schema {existing.schema_name}, "
                f"the backup {schema}: restore it under a new code instead."
            )
    elif schema in existing_schemas():
        if not replace:
            raise BackupError(
                f"Schema {schema} exists without a unit; pass --replace to overwrite it."
            )
    level = Level.objects.filter(code=info["level"]).first()
    if level is None:
        raise BackupError(f"Level {info['level']!r} does not exist in this network.")
    parent = None
    if info["parent"]:
        parent = Unit.objects.filter(code=info["parent"]).first()
        if parent is None:
            raise BackupError(f"The parent unit {info['parent']} does not exist; restore it first.")
    domains = [item["domain"] for item in manifest["domains"]]
    taken = Domain.objects.filter(domain__in=domains)
    if existing is not None:
        taken = taken.exclude(tenant=existing)
    if taken.exists():
        names = ", ".join(taken.values_list("domain", flat=True))
        raise BackupError(f"Domains used by another unit: {names}.")
    return existing, level, parent


def replay_sql(path: Path) -> None:
    """Run a plain pg_dump file on the current connection, COPY blocks included."""
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # psycopg's own cursor: COPY needs it
        statements: list[str] = []

        def flush():
            text = "".join(statements).strip()
            if text:
                cursor.execute(text)
            statements.clear()

        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.startswith("COPY ") and line.rstrip().endswith("FROM stdin;"):
                    flush()
                    with cursor.copy(line.rstrip().removesuffix(";")) as copy:
                        for data in lines:
                            if data == COPY_END:
                                break
                            copy.write(data)
                elif line.startswith("\\"):
                    if not line.startswith(_IGNORED_META):
                        raise BackupError(f"Unexpected command in {SCHEMA_FILE}: {line[:40]!r}")
                else:
                    statements.append(line)
            flush()
        # pg_dump empties search_path for its session; hand the connection back clean.
        cursor.execute("RESET ALL")
    # Forgets the search_path django-tenants believes is set.
    connection.set_schema_to_public()


def _write_unit(manifest: dict, existing: Unit | None, level: Level, parent: Unit | None) -> Unit:
    info = manifest["unit"]
    fields = {
        "name": info["name"],
        "level": level,
        "status": info["status"],
        "archived_at": datetime.fromisoformat(info["archived_at"]) if info["archived_at"] else None,
    }
    if existing is not None:
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.save()
        existing.domains.all().delete()
        Publication.objects.filter(unit=existing).delete()
        unit = existing
    else:
        unit = Unit(code=info["code"], schema_name=info["schema"], **fields)
        unit = parent.add_child(instance=unit) if parent else Unit.add_root(instance=unit)
    for item in manifest["domains"]:
        Domain.objects.create(tenant=unit, domain=item["domain"], is_primary=item["is_primary"])
    return unit


def _restore_ledger(path: Path, unit: Unit) -> None:
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))["rows"]
    except (ValueError, KeyError, TypeError) as error:
        raise BackupError(f"{LEDGER_FILE} is not a ledger export: {error}") from error
    fields = ledger_fields()
    rows = []
    for values in saved:
        row = Publication(unit=unit, **{f.attname: f.to_python(values[f.attname]) for f in fields})
        # The search index follows through the outbox: every restored row is re-indexed.
        row.index_pending = True
        rows.append(row)
    Publication.objects.bulk_create(rows)


def restore_unit(directory: Path, *, replace: bool = False) -> RestoreResult:
    """Restore the unit backed up in `directory`; with `replace`, over the existing one."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    schema = manifest["unit"]["schema"]
    with schema_context(get_public_schema_name()):
        pending = _check_migrations(manifest)
        existing, level, parent = _check_target(manifest, replace)
        media = unit_media.restorer(schema, directory / MEDIA_FILE)
        try:
            with transaction.atomic():
                if schema in existing_schemas():
                    with connection.cursor() as cursor:
                        cursor.execute(f'DROP SCHEMA "{schema}" CASCADE')
                replay_sql(directory / SCHEMA_FILE)
                unit = _write_unit(manifest, existing, level, parent)
                _restore_ledger(directory / LEDGER_FILE, unit)
                media.swap_in()
        except BaseException:
            media.undo()
            connection.set_schema_to_public()
            raise
        media.finish()
    routing.invalidate()
    return RestoreResult(unit=unit, replaced=existing is not None, pending_migrations=pending)
