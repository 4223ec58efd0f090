from django.db import migrations

from search.postgres.sql import FOLD_FUNCTION_SQL


class Migration(migrations.Migration):
    """Fold by stripping combining marks instead of a per-letter map (same result, faster)."""

    dependencies = [("portal_search", "0002_attachment_text")]

    operations = [migrations.RunSQL(FOLD_FUNCTION_SQL, migrations.RunSQL.noop)]
