"""The home banner on a render the page cache does not serve: what it may show is read once
per unit and kept with the unit's data; a change of the consultation, here or in the unit
above that sent it down, retires it; the clock alone closes it."""

from __future__ import annotations

import datetime
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import schema_context

from portal.publications.models import Publication
from portal.syndication import flows
from tests.conftest import client_for
from tests.extensions.helpers import enable

from .helpers import add_consultation

pytestmark = pytest.mark.django_db
BANNER = 'class="consultation-banner"'


@pytest.fixture
def consulting(network, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PORTAL_PAGE_CACHE_SECONDS = 0  # every home page rendered
    for key in ("district_a", "commune_a"):
        enable(network, key, "plugin_consultation")
    return network


def render_home(network, key):
    with CaptureQueriesContext(connection) as queries:
        body = client_for(network, key).get("/").content.decode()
    consultation_queries = [q["sql"] for q in queries if "plugin_consultation" in q["sql"]]
    return body, consultation_queries


def test_the_banner_of_a_consultation_sent_down_costs_no_query_once_read(consulting):
    page = add_consultation(consulting, "district_a")
    district, commune = consulting.unit("district_a"), consulting.unit("commune_a")
    row = Publication.objects.get(unit=district, kind="consultation", object_id=page.pk)
    with schema_context(district.schema_name):
        flows.send_directive(
            district, consulting.users["district_a_editor"], row, "tin-tuc", targets=[commune]
        )
    first, read = render_home(consulting, "commune_a")
    assert BANNER in first and page.title in first and read  # read in both schemas
    again, read_again = render_home(consulting, "commune_a")
    assert BANNER in again and page.title in again
    assert read_again == []
    # The unit above changes the consultation: the commune's banner follows at once.
    with schema_context(district.schema_name):
        page.title = "Dự thảo đã đổi tên"
        page.save_revision().publish()
    renamed, read_after = render_home(consulting, "commune_a")
    assert "Dự thảo đã đổi tên" in renamed and read_after


def test_the_clock_closes_the_banner_without_a_write(consulting):
    closes = timezone.now() + datetime.timedelta(seconds=3)
    page = add_consultation(consulting, "district_a", closes_at=closes)
    first, _read = render_home(consulting, "district_a")
    assert page.title in first
    time.sleep(max(0.0, (closes - timezone.now()).total_seconds()) + 0.2)
    closed, read = render_home(consulting, "district_a")
    assert BANNER not in closed and read == []  # the cached candidates, filtered by the clock
