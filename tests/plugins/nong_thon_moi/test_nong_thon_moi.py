"""New rural development: each commune's progress against the 19 national criteria, and the
district's and province's overview read from the ledger."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from plugins.nong_thon_moi.models import RuralOverviewPage, RuralProgressPage
from portal.publications.models import Publication
from tests.conftest import client_for
from tests.extensions.helpers import disable, enable, home_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def ntm(network):
    for key in ("province", "district_a", "commune_a", "commune_b"):
        enable(network, key, "plugin_nong_thon_moi")
    return network


def set_met(network, key, numbers, recognised_year=None):
    with schema_context(network.units[key].schema_name):
        page = RuralProgressPage.objects.get()
        rows = list(page.criteria.all())
        for row in rows:
            row.met = row.number in numbers
        page.criteria = rows
        page.recognised_year = recognised_year
        page.save_revision().publish()


def test_communes_get_a_progress_page_districts_an_overview(ntm):
    with schema_context(ntm.units["commune_a"].schema_name):
        page = RuralProgressPage.objects.get()
        assert page.live and page.progress() == (0, 19)
        assert not RuralOverviewPage.objects.exists()
    with schema_context(ntm.units["district_a"].schema_name):
        assert RuralOverviewPage.objects.get().live
        assert not RuralProgressPage.objects.exists()
        home = home_of(ntm, "district_a")
        assert not RuralProgressPage.can_create_at(home)  # a district has no progress page


def test_commune_page_lists_every_criterion_and_its_status(ntm):
    set_met(ntm, "commune_a", {1, 2, 4})
    body = client_for(ntm, "commune_a").get("/nong-thon-moi/").content.decode()
    assert "Đã đạt 3/19 tiêu chí" in body
    assert "19. Quốc phòng và An ninh" in body and body.count('class="met"') == 3
    row = Publication.objects.get(unit=ntm.unit("commune_a"), kind="ntm-progress")
    assert row.doc_number == "3/19" and "2. Giao thông: đạt" in row.body_text


def test_overview_gathers_the_communes_below(ntm):
    set_met(ntm, "commune_a", set(range(1, 20)), recognised_year=2024)
    set_met(ntm, "commune_b", {1, 2, 3, 4, 5})
    province = client_for(ntm, "province").get("/nong-thon-moi/").content.decode()
    assert ntm.units["commune_a"].name in province and ntm.units["commune_b"].name in province
    assert "2 xã báo cáo, 1 xã đạt chuẩn, bình quân 12,0 tiêu chí/xã." in province
    assert province.index(ntm.units["commune_a"].name) < province.index(ntm.units["commune_b"].name)
    district = client_for(ntm, "district_a").get("/nong-thon-moi/").content.decode()
    assert ntm.units["commune_a"].name in district
    assert ntm.units["commune_b"].name not in district  # under district B
    home = client_for(ntm, "province").get("/").content.decode()
    assert 'class="ntm-block"' in home and "1/2 xã đạt chuẩn" in home


def test_a_commune_that_turns_the_module_off_leaves_the_overview(ntm):
    set_met(ntm, "commune_b", {1})
    disable(ntm, "commune_b", "plugin_nong_thon_moi")
    province = client_for(ntm, "province").get("/nong-thon-moi/").content.decode()
    assert ntm.units["commune_b"].name not in province
    assert client_for(ntm, "commune_b").get("/nong-thon-moi/").status_code == 404
    enable(ntm, "commune_b", "plugin_nong_thon_moi")
    with schema_context(ntm.units["commune_b"].schema_name):
        assert RuralProgressPage.objects.get().progress() == (1, 19)  # kept
    assert (
        ntm.units["commune_b"].name
        in client_for(ntm, "province").get("/nong-thon-moi/").content.decode()
    )


def test_no_trace_where_the_module_is_off(ntm):
    assert client_for(ntm, "district_b").get("/nong-thon-moi/").status_code == 404
    assert 'class="ntm-block"' not in client_for(ntm, "district_b").get("/").content.decode()
