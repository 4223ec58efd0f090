"""A bench-only page model for `python -m bench national`'s real migration.

Installed only by bench/settings_national_migration.py, never by the portal:
its second migration adds a column and an index to the page table, the
change a real release makes to a page model, so the bench can time it in
every unit while a unit's page of the model is served. The bench applies it
with migrate_schemas and rolls it back afterwards (bench/national_migration.py).
"""
