"""Directives downward: sent to all units below or chosen ones, mandatory ones never dropped."""

import pytest
from django_tenants.utils import schema_context
from wagtail.models import ModelLogEntry

from portal.syndication import flows
from portal.syndication.models import Appearance, Directive
from portal.tenancy.models import Unit
from tests.conftest import client_for

from .conftest import news_html, page_of, publish

pytestmark = pytest.mark.django_db

BELOW_PROVINCE = ("district_a", "district_b", "commune_a", "commune_b")


def test_province_directive_reaches_every_unit_below_through_the_admin(network, editor_of):
    row = publish(network, "province", "Chỉ thị về phòng chống bão", "chi-thi-bao")
    client = client_for(network, "province", editor_of("province"))
    response = client.post(
        "/admin/lien-thong/chi-dao/",
        {"publication": row.pk, "section_slug": "tin-tuc-su-kien", "mandatory": "on", "note": ""},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    directive = Directive.objects.get(publication=row)
    assert directive.mandatory
    for key in BELOW_PROVINCE:
        assert "Chỉ thị về phòng chống bão" in news_html(network, key), key
    sent = client.get("/admin/lien-thong/chi-dao/").content.decode()
    for key in BELOW_PROVINCE:
        assert network.units[key].name in sent
    # Every unit below at sending time (browser journeys may have committed more of them).
    province = network.unit("province")
    below = Unit.objects.filter(path__startswith=province.path, depth__gt=province.depth)
    assert directive.appearances.count() == below.count() >= 4
    assert sent.count("Đang hiển thị") == below.count()
    with schema_context(network.units["province"].schema_name):
        assert ModelLogEntry.objects.filter(action="portal_syndication.send_directive").count() == 1


def test_directive_to_chosen_units_reaches_only_them(network, editor_of):
    row = publish(network, "district_a", "Kế hoạch của huyện", "ke-hoach")
    district = network.unit("district_a")
    with schema_context(district.schema_name):
        flows.send_directive(
            district,
            network.users["district_a_editor"],
            row,
            "tin-tuc-su-kien",
            targets=[network.unit("commune_a")],
        )
    assert "Kế hoạch của huyện" in news_html(network, "commune_a")
    for key in ("commune_b", "district_b", "province"):
        assert "Kế hoạch của huyện" not in news_html(network, key)
    # commune_b sees nothing addressed to others in its admin either.
    received = client_for(network, "commune_b", editor_of("commune_b")).get(
        "/admin/lien-thong/tin-nhan-duoc/"
    )
    assert "Kế hoạch của huyện" not in received.content.decode()


def test_a_unit_cannot_direct_units_outside_its_subtree(network):
    row = publish(network, "district_a", "Tin huyện A", "tin-huyen-a")
    district = network.unit("district_a")
    with schema_context(district.schema_name), pytest.raises(flows.SyndicationError):
        flows.send_directive(
            district,
            network.users["district_a_editor"],
            row,
            "tin-tuc-su-kien",
            targets=[network.unit("commune_b")],
        )
    assert not Appearance.objects.filter(publication=row).exists()


def test_mandatory_items_cannot_be_hidden_optional_ones_can_with_a_reason(network, editor_of):
    province = network.unit("province")
    mandatory = publish(network, "province", "Tin bắt buộc", "tin-bat-buoc")
    optional = publish(network, "province", "Tin tùy chọn", "tin-tuy-chon")
    with schema_context(province.schema_name):
        flows.send_directive(
            province, editor_of("province"), mandatory, "tin-tuc-su-kien", mandatory=True
        )
        flows.send_directive(province, editor_of("province"), optional, "tin-tuc-su-kien")
    client = client_for(network, "commune_a", editor_of("commune_a"))
    commune = network.units["commune_a"]
    must = Appearance.objects.get(unit=commune, publication=mandatory)
    may = Appearance.objects.get(unit=commune, publication=optional)

    client.post(
        f"/admin/lien-thong/tin-nhan-duoc/{must.pk}/", {"action": "hide", "reason": "Không muốn"}
    )
    must.refresh_from_db()
    assert not must.hidden
    client.post(f"/admin/lien-thong/tin-nhan-duoc/{may.pk}/", {"action": "hide", "reason": ""})
    may.refresh_from_db()
    assert not may.hidden  # no reason, no hiding
    client.post(
        f"/admin/lien-thong/tin-nhan-duoc/{may.pk}/", {"action": "hide", "reason": "Trùng tin"}
    )
    may.refresh_from_db()
    assert may.hidden and may.hidden_reason == "Trùng tin"

    html = news_html(network, "commune_a")
    assert "Tin bắt buộc" in html and "Tin tùy chọn" not in html
    assert "Tin tùy chọn" in news_html(network, "commune_b")  # hidden in one unit only
    sender = client_for(network, "province", editor_of("province")).get(
        "/admin/lien-thong/chi-dao/"
    )
    assert "Đã ẩn: Trùng tin" in sender.content.decode()
    # Another unit's editor cannot touch commune_a's appearances.
    other = client_for(network, "commune_b", editor_of("commune_b"))
    assert (
        other.post(f"/admin/lien-thong/tin-nhan-duoc/{must.pk}/", {"action": "hide"}).status_code
        == 404
    )


def test_takedown_of_the_original_removes_every_appearance(network, editor_of):
    province = network.unit("province")
    row = publish(network, "province", "Tin sẽ gỡ xuống", "tin-go")
    with schema_context(province.schema_name):
        flows.send_directive(
            province, editor_of("province"), row, "tin-tuc-su-kien", mandatory=True
        )
        page_of(row).unpublish()
    for key in BELOW_PROVINCE:
        assert "Tin sẽ gỡ xuống" not in news_html(network, key)
    sender = client_for(network, "province", editor_of("province")).get(
        "/admin/lien-thong/chi-dao/"
    )
    assert sender.content.decode().count("bài gốc đã gỡ") >= 1
