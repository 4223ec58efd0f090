"""The release's change: a column and an index on the page table, in one transaction per unit.

A plain CREATE INDEX, not CONCURRENTLY: a unit's page table holds hundreds to
thousands of rows, built in milliseconds, and an atomic migration leaves no
half-built (INVALID) index behind when it fails. The bench's poller measures
what readers of the table wait for meanwhile.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("bench_national", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="nationalbenchpage",
            name="priority",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddIndex(
            model_name="nationalbenchpage",
            index=models.Index(fields=["priority"], name="bench_national_priority"),
        ),
    ]
