"""Content types are cached per schema: kept across switches, never read in another schema."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import get_public_schema_name, schema_context

from sites.models import ArticlePage

pytestmark = pytest.mark.django_db


def _row_id(app_label: str, model: str) -> int | None:
    """The content type's id in the current schema's own table (no cache)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM django_content_type WHERE app_label = %s AND model = %s",
            [app_label, model],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def test_a_units_content_types_survive_schema_switches(network):
    schema = network.units["district_a"].schema_name
    with schema_context(schema):
        ContentType.objects.get_for_model(ArticlePage)
    with schema_context(network.units["district_b"].schema_name):
        ContentType.objects.get_for_model(ArticlePage)
    with schema_context(schema), CaptureQueriesContext(connection) as queries:
        content_type = ContentType.objects.get_for_model(ArticlePage)
        assert ContentType.objects.get_for_id(content_type.pk) == content_type
    assert len(queries) == 0


@pytest.fixture
def forget_content_types():
    """The rows a test writes are rolled back: so are their cached entries."""
    yield
    ContentType.objects.clear_cache()


def test_each_schema_finds_its_own_rows(network, forget_content_types):
    unit_a, unit_b = (network.units[key].schema_name for key in ("district_a", "district_b"))
    with schema_context(unit_a):
        only_in_a = ContentType.objects.create(app_label="portal_test", model="chi_o_a")
        assert ContentType.objects.get_by_natural_key("portal_test", "chi_o_a") == only_in_a
        assert ContentType.objects.get_for_id(only_in_a.pk) == only_in_a
    with schema_context(unit_b):
        with pytest.raises(ContentType.DoesNotExist):
            ContentType.objects.get_by_natural_key("portal_test", "chi_o_a")
        # The same id is another row here, or none: never unit A's.
        with pytest.raises(ContentType.DoesNotExist):
            ContentType.objects.get_for_id(only_in_a.pk)
    for schema in (get_public_schema_name(), unit_a, unit_b):
        with schema_context(schema):
            cached = ContentType.objects.get_for_model(ContentType)
            assert cached.pk == _row_id("contenttypes", "contenttype"), schema


def test_an_explicit_clear_still_empties_the_cache(network):
    with schema_context(network.units["district_a"].schema_name):
        ContentType.objects.get_for_model(ArticlePage)
        ContentType.objects.clear_cache()
        with CaptureQueriesContext(connection) as queries:
            ContentType.objects.get_for_model(ArticlePage)
    assert len([q for q in queries if "django_content_type" in q["sql"]]) == 1
