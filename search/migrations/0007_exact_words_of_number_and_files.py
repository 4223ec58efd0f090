from django.conf import settings
from django.db import migrations

from search.postgres.sql import EXACT_FUNCTION_SQL, sync_function_sql

RECOMPUTE_EXACT_SQL = """
UPDATE portal_search_searchentry AS entry
SET exact = portal_search_exact(p.title, p.doc_number, p.summary, p.body_text, entry.attachment_text)
FROM portal_publications_publication AS p
WHERE p.id = entry.publication_id;
"""


class Migration(migrations.Migration):
    """The original words of the document number and the attached files count as faithful
    matches too, as they do on Elasticsearch (search.relevance)."""

    dependencies = [
        ("portal_publications", "0002_editorial_figures"),
        ("portal_search", "0006_searchperf_outbox_notify"),
    ]

    operations = [
        migrations.RunSQL(
            EXACT_FUNCTION_SQL
            + sync_function_sql(settings.TIME_ZONE, facets=True)
            + RECOMPUTE_EXACT_SQL,
            # The older trigger function is gone: the new one stays, with its function.
            migrations.RunSQL.noop,
        )
    ]
