"""A clone made from the template's script is the template: same tables, keys, rows and
sequences."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from portal.tenancy import clone_script, template
from portal.tenancy.schemas import template_schema

pytestmark = pytest.mark.django_db

CLONE = "u_clone_script_probe"


def signature(schema: str) -> dict[str, list]:
    """Everything a unit relies on in `schema`, with the schema's own name taken out."""
    own_name = re.compile(rf'(?:"{schema}"|\b{schema})\.')
    queries = {
        "columns": """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   a.attidentity, pg_get_expr(d.adbin, d.adrelid)
            FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
                 AND NOT a.attisdropped
            LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
            WHERE c.relnamespace = %s::regnamespace AND c.relkind = 'r' ORDER BY 1, a.attnum""",
        # Structure, not pg_get_indexdef(): PostgreSQL words a re-parsed
        # partial index's condition differently, with the same meaning.
        "indexes": """
            SELECT indexrelid::regclass::text, indrelid::regclass::text, indisunique,
                   indisprimary, indclass::text, indpred IS NOT NULL,
                   (SELECT string_agg(a.attname, ',' ORDER BY k.position)
                    FROM unnest(i.indkey) WITH ORDINALITY k(attnum, position)
                    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum)
            FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
            WHERE c.relnamespace = %s::regnamespace ORDER BY 1""",
        "constraints": """
            SELECT conname, conrelid::regclass::text, pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = %s::regnamespace ORDER BY 1, 2""",
        "sequences": """
            SELECT sequencename, last_value FROM pg_sequences
            WHERE schemaname = %s ORDER BY 1""",
    }
    result = {}
    with connection.cursor() as cursor:
        for name, sql in queries.items():
            cursor.execute(sql, [schema])
            result[name] = [
                tuple(own_name.sub("S.", v) if isinstance(v, str) else v for v in row)
                for row in cursor.fetchall()
            ]
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relnamespace = %s::regnamespace AND relkind = 'r'"
            " ORDER BY 1",
            [schema],
        )
        tables = [row[0] for row in cursor.fetchall()]
        rows = []
        for table in tables:
            cursor.execute(
                "SELECT md5(string_agg(t::text, '|' ORDER BY t::text))"
                f' FROM "{schema}"."{table}" t'
            )
            rows.append((table, cursor.fetchone()[0]))
        result["rows"] = rows
    return result


def test_a_clone_is_identical_to_the_template(network):
    template.clone(CLONE)
    cloned, original = signature(CLONE), signature(template_schema())
    assert cloned["columns"] and cloned["constraints"] and cloned["rows"]
    for part in original:
        assert cloned[part] == original[part], part


def test_foreign_keys_to_the_shared_tables_come_last(network):
    """Adding one locks the shared user table: that must happen at the clone's very end."""
    script = clone_script.for_fingerprint(template.fingerprint())
    body, last = script.render(CLONE), script.render_foreign_keys_out(CLONE)
    assert "REFERENCES public." not in body
    assert last.count("REFERENCES public.portal_accounts_user") >= 10
    template.clone(CLONE)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_constraint WHERE connamespace = %s::regnamespace"
            " AND confrelid = %s::regclass",
            [CLONE, get_user_model()._meta.db_table],
        )
        assert cursor.fetchone()[0] == last.count("REFERENCES public.")


def test_a_template_object_that_cannot_be_renamed_is_refused(network):
    dump = f"CREATE FUNCTION {template_schema()}.f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;\n"
    with pytest.raises(clone_script.UnsupportedTemplate, match="CREATE FUNCTION"):
        clone_script._statements(dump, template_schema())
