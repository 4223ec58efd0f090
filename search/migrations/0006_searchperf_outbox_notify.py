from django.db import migrations

from search.outbox import DROP_NOTIFY_TRIGGER_SQL, NOTIFY_TRIGGER_SQL


class Migration(migrations.Migration):
    """Notify the outbox worker when a ledger row is marked for indexing (see search.outbox)."""

    dependencies = [
        ("portal_publications", "0002_editorial_figures"),
        ("portal_search", "0005_searchperf_facets"),
    ]

    operations = [migrations.RunSQL(NOTIFY_TRIGGER_SQL, DROP_NOTIFY_TRIGGER_SQL)]
