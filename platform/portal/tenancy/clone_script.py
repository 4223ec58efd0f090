"""The template schema as one SQL script, so that cloning it is a single statement batch.

django-tenants' `clone_schema` PL/pgSQL function rebuilds the DDL table by
table from the catalogs at every clone, including `information_schema`
queries over every schema of the database: the more units, the slower each
clone. It also adds the foreign keys to the shared user table early, and
`ADD FOREIGN KEY` holds a SHARE ROW EXCLUSIVE lock on that table until the
transaction ends: two clones could never run at once, and sign-ins (which
update `last_login`) waited for the clone.

Here `pg_dump` writes the template's DDL once per migration state; a clone
replays it under the new schema's name, copies the template's rows, and adds
the foreign keys into other schemas last, so the shared tables are locked
only for the last moments of the clone.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from django.db import connection

from portal.tenancy import pg_tools

from .schemas import template_schema

# pg_dump's statements in a schema of tables: anything else (a function, a
# view, a trigger) would need more care than a rename, so it is refused.
KNOWN_STATEMENTS = (
    "ALTER SEQUENCE ",
    "ALTER TABLE ",
    "COMMENT ON ",
    "CREATE INDEX ",
    "CREATE SEQUENCE ",
    "CREATE TABLE ",
    "CREATE UNIQUE INDEX ",
)
SESSION_SETUP = ("SET ", "SELECT pg_catalog.set_config(", "CREATE SCHEMA ")


class UnsupportedTemplate(RuntimeError):
    """The template holds an object the clone script cannot rename safely."""


@dataclass(frozen=True)
class CloneScript:
    """The template's DDL and data copy, with `{schema}` standing for the new schema's name."""

    structure: str  # tables, sequences, column defaults
    rows: str  # the template's rows and sequence positions
    constraints: str  # indexes, keys and foreign keys inside the schema
    foreign_keys_out: str  # foreign keys into other schemas (the shared users)

    def render(self, schema: str) -> str:
        quoted = f'"{schema}"'
        parts = (f"CREATE SCHEMA {quoted}", self.structure, self.rows, self.constraints)
        return ";\n".join(part.replace("{schema}", quoted) for part in parts if part) + ";"

    def render_foreign_keys_out(self, schema: str) -> str:
        if not self.foreign_keys_out:
            return ""
        return self.foreign_keys_out.replace("{schema}", f'"{schema}"') + ";"


_cache: dict[str, CloneScript] = {}
_cache_lock = threading.Lock()


def for_fingerprint(fingerprint: str) -> CloneScript:
    """The script of the template in the migration state `fingerprint`, built once per process."""
    with _cache_lock:
        script = _cache.get(fingerprint)
        if script is None:
            script = _cache[fingerprint] = build()
        return script


def build() -> CloneScript:
    template = template_schema()
    pre_data = _statements(_dump("pre-data"), template)
    post_data = _statements(_dump("post-data"), template)
    reaches_out = re.compile(r"\bREFERENCES (?!\{schema\}\.)")
    return CloneScript(
        structure=";\n".join(pre_data),
        rows=";\n".join(_row_copies(template)),
        constraints=";\n".join(s for s in post_data if not reaches_out.search(s)),
        foreign_keys_out=";\n".join(s for s in post_data if reaches_out.search(s)),
    )


def _dump(section: str) -> str:
    return pg_tools.run(
        "pg_dump",
        "--schema-only",
        f"--section={section}",
        "--no-owner",
        "--no-privileges",
        f"--schema={template_schema()}",
    ).stdout.decode()


def _statements(dump: str, template: str) -> list[str]:
    """pg_dump's statements with the template's name replaced by `{schema}`."""
    lines = [line for line in dump.splitlines() if not line.startswith("--")]
    name = re.escape(template)
    qualified = re.compile(rf'(?:"{name}"|(?<![\w"]){name})\.')
    statements = []
    for statement in "\n".join(lines).split(";\n"):
        statement = statement.strip().rstrip(";")
        if not statement or statement.startswith(SESSION_SETUP):
            continue
        if not statement.startswith(KNOWN_STATEMENTS):
            raise UnsupportedTemplate(
                f"The template schema holds an object the clone script cannot copy: "
                f"{statement.splitlines()[0][:120]}"
            )
        renamed = qualified.sub("{schema}.", statement)
        if re.search(rf"\b{name}\b", renamed):
            raise UnsupportedTemplate(
                f"A statement names the template in a way the clone script cannot rename: "
                f"{renamed.splitlines()[0][:120]}"
            )
        statements.append(renamed)
    return statements


def _row_copies(template: str) -> list[str]:
    """INSERT ... SELECT for every table, then every sequence set where the template's is."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname,
                   string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
            FROM pg_class c
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
                 AND NOT a.attisdropped AND a.attgenerated = ''
            WHERE c.relnamespace = %s::regnamespace AND c.relkind = 'r'
            GROUP BY c.relname ORDER BY c.relname
            """,
            [template],
        )
        tables = cursor.fetchall()
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relnamespace = %s::regnamespace AND relkind = 'S'"
            " ORDER BY relname",
            [template],
        )
        sequences = [row[0] for row in cursor.fetchall()]
    source = f'"{template}"'
    copies = [
        f'INSERT INTO {{schema}}."{table}" ({columns}) OVERRIDING SYSTEM VALUE '
        f'SELECT {columns} FROM {source}."{table}"'
        for table, columns in tables
    ]
    positions = [
        f"SELECT setval('{{schema}}.\"{sequence}\"', last_value, is_called) "
        f'FROM {source}."{sequence}"'
        for sequence in sequences
    ]
    return copies + positions
