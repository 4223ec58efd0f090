"""The pool of spare schemas: provisioning renames a spare instead of cloning.

The test settings keep the pool empty (size 0, no background refill); these
tests fill it themselves, inside their transaction, which rolls it all back.
"""

import pytest
from django.core import checks
from django.core.management import call_command
from django.db import connection
from django_tenants.utils import schema_context
from wagtail.models import Page, Site

from portal.tenancy import provisioning, schema_pool, template
from portal.tenancy.models import SpareSchema, Unit
from portal.tenancy.provisioning import UnitSpec, provision
from portal.tenancy.schemas import existing_schemas

pytestmark = pytest.mark.django_db


def commune_spec(code="TN-HB-X7", host="xa-spare.test.localhost"):
    return UnitSpec("Xã Dự Phòng", code, "commune", [host], parent_code="TN-HB")


def spare_names() -> set[str]:
    return {name for name in existing_schemas() if name.startswith(schema_pool.PREFIX)}


def test_fill_clones_spares_from_the_current_template(network):
    assert schema_pool.fill(2) == 2
    spares = list(SpareSchema.objects.all())
    assert {spare.name for spare in spares} == spare_names()
    assert {spare.fingerprint for spare in spares} == {template.fingerprint()}
    assert schema_pool.fill(2) == 0  # already full


def test_provisioning_renames_a_spare_and_the_portal_works(network):
    schema_pool.fill(1)
    (spare,) = spare_names()
    unit = provision(commune_spec(), refill_pool=False).unit
    schemas = existing_schemas()
    assert unit.schema_name in schemas and spare not in schemas
    assert not SpareSchema.objects.exists()
    with schema_context(unit.schema_name):
        assert Site.objects.get().hostname == "xa-spare.test.localhost"
        assert Page.objects.get(depth=2).title == "Xã Dự Phòng"


def test_failed_provisioning_gives_the_spare_back(network, monkeypatch):
    schema_pool.fill(1)
    (spare,) = spare_names()

    def explode(*args, **kwargs):
        raise RuntimeError("injected failure after the spare was renamed")

    monkeypatch.setattr(provisioning.unit_schema_ready, "send", explode)
    with pytest.raises(RuntimeError):
        provision(commune_spec(), refill_pool=False)
    assert not Unit.objects.filter(code="TN-HB-X7").exists()
    assert spare_names() == {spare}
    assert SpareSchema.objects.get().name == spare


def test_spare_from_an_older_template_is_never_used(network):
    schema_pool.fill(1)
    (spare,) = spare_names()
    SpareSchema.objects.update(fingerprint="migrations as they were before")
    unit = provision(commune_spec(), refill_pool=False).unit
    assert spare in existing_schemas()  # the unit got a fresh clone instead
    assert unit.schema_name in existing_schemas()
    assert schema_pool.discard_stale() == 1
    assert spare not in existing_schemas()
    assert not SpareSchema.objects.exists()


def test_a_second_filler_steps_aside(network):
    holder = connection.get_new_connection(connection.get_connection_params())
    try:
        holder.autocommit = True
        holder.execute("SELECT pg_advisory_lock(%s)", [schema_pool.FILL_LOCK])
        assert schema_pool.fill(1) == 0
        holder.execute("SELECT pg_advisory_unlock(%s)", [schema_pool.FILL_LOCK])
    finally:
        holder.close()
    assert not spare_names()


def test_spares_wait_while_the_template_is_migrated(network):
    """A clone never copies a half-migrated template: it waits for the migration's lock."""
    with template.locked_for_migration():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_xact_lock_shared(%s)", [template.TEMPLATE_LOCK])
            assert cursor.fetchone()[0] is False
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock_shared(%s)", [template.TEMPLATE_LOCK])
        assert cursor.fetchone()[0] is True


def test_migrate_schemas_replaces_outdated_spares(network, settings):
    settings.PORTAL_SCHEMA_POOL_SIZE = 1
    # Not a clone: this transaction would hold the template's lock, which the
    # migration waits for in a session of its own.
    old = schema_pool.PREFIX + "outdated"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA "{old}"')
    SpareSchema.objects.create(name=old, fingerprint="migrations as they were before")
    call_command("migrate_schemas", interactive=False, verbosity=0)
    (new,) = spare_names()
    assert new != old
    assert SpareSchema.objects.get().fingerprint == template.fingerprint()


def test_migrate_schemas_runs_the_system_checks_once(network, settings):
    settings.PORTAL_MIGRATION_WORKERS = 1  # in this process, where the check below counts
    runs = []

    @checks.register("portal-test")
    def counted(**kwargs):
        runs.append(kwargs)
        return []

    try:
        call_command(
            "migrate_schemas", all_schemas=True, interactive=False, verbosity=0, skip_checks=False
        )
    finally:
        checks.registry.registry.registered_checks.discard(counted)
    # Once for the command, not again in the public schema, the template and every unit.
    assert len(runs) == 1
