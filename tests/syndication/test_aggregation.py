"""The "Tin cơ sở" block: units below, chosen by the editor, read from the ledger, kept fresh."""

import pytest
from django_tenants.utils import schema_context

from portal.syndication import aggregation
from portal.syndication.aggregation import Selection

from .conftest import home_html, page_of, publish

pytestmark = pytest.mark.django_db


def test_district_home_shows_its_communes_news_and_no_other_districts(network):
    publish(network, "commune_a", "Xã Đồng Tâm ra quân làm đường", "ra-quan")
    publish(network, "commune_b", "Xã Bình Minh gặt lúa", "gat-lua")
    publish(network, "district_a", "Huyện Núi Đỏ họp", "hop")

    district_a = home_html(network, "district_a")
    assert "Tin cơ sở" in district_a
    assert "Xã Đồng Tâm ra quân làm đường" in district_a
    assert network.units["commune_a"].name in district_a  # credited
    assert "Xã Bình Minh gặt lúa" not in district_a

    district_b = home_html(network, "district_b")
    assert "Xã Bình Minh gặt lúa" in district_b
    assert "Xã Đồng Tâm ra quân làm đường" not in district_b

    province = home_html(network, "province")
    for title in ("Xã Đồng Tâm ra quân làm đường", "Xã Bình Minh gặt lúa", "Huyện Núi Đỏ họp"):
        assert title in province


def test_a_commune_home_has_no_aggregated_block(network):
    publish(network, "district_a", "Tin huyện", "tin-huyen")
    assert "Tin cơ sở" not in home_html(network, "commune_a")


def test_editor_choices_select_units_levels_sections_and_kinds(network):
    province = network.unit("province")
    publish(network, "commune_a", "Tin xã A", "tin-xa-a")
    publish(network, "commune_b", "Tin xã B", "tin-xa-b")
    publish(network, "district_a", "Tin huyện A", "tin-huyen-a")

    fixture_codes = {unit.code for unit in network.units.values()}

    def titles(**choices):
        # Browser journeys commit units of their own under the province: leave them out.
        items = aggregation.query(province, Selection(**choices, count=30))
        return {item.title for item in items if item.unit_code in fixture_codes}

    assert titles() == {"Tin xã A", "Tin xã B", "Tin huyện A"}
    assert titles(only_children=True) == {"Tin huyện A"}
    assert titles(levels=("commune",)) == {"Tin xã A", "Tin xã B"}
    assert titles(units=("TN-HB-X1",)) == {"Tin xã B"}
    assert titles(sections=("Tin tức - Sự kiện",)) == {"Tin xã A", "Tin xã B", "Tin huyện A"}
    assert titles(sections=("Không có",)) == set()
    assert titles(kinds=("document",)) == set()
    assert len(aggregation.query(province, Selection(count=2))) == 2
    # A unit never aggregates itself or units outside its subtree.
    district_a = network.unit("district_a")
    assert {i.title for i in aggregation.query(district_a, Selection())} == {"Tin xã A"}


def test_cached_block_follows_publish_edit_and_unpublish(network):
    district = network.unit("district_a")
    assert aggregation.latest(district, Selection()) == []
    row = publish(network, "commune_a", "Tin đầu tiên", "tin-dau")
    assert [i.title for i in aggregation.latest(district, Selection())] == ["Tin đầu tiên"]

    with schema_context(network.units["commune_a"].schema_name):
        article = page_of(row)
        article.title = "Tin đã sửa"
        article.save_revision().publish()
    assert [i.title for i in aggregation.latest(district, Selection())] == ["Tin đã sửa"]
    assert "Tin đã sửa" in home_html(network, "district_a")

    with schema_context(network.units["commune_a"].schema_name):
        page_of(row).unpublish()
    assert aggregation.latest(district, Selection()) == []
    assert "Tin đã sửa" not in home_html(network, "district_a")


def test_a_change_elsewhere_keeps_the_cache(network, django_assert_max_num_queries):
    district = network.unit("district_a")
    publish(network, "commune_a", "Tin xã A", "tin-xa-a")
    aggregation.latest(district, Selection())
    publish(network, "commune_b", "Tin xã B", "tin-xa-b")  # another district's subtree
    with django_assert_max_num_queries(1):  # the mark only
        items = aggregation.latest(district, Selection())
    assert [i.title for i in items] == ["Tin xã A"]


def test_editing_the_block_title_shows_at_once(network):
    from wagtail.models import Site

    publish(network, "commune_a", "Tin xã A", "tin-xa-a")
    assert "Tin cơ sở" in home_html(network, "district_a")
    with schema_context(network.units["district_a"].schema_name):
        home = Site.objects.get(is_default_site=True).root_page.specific
        home.body[0].value["title"] = "Tin các xã"
        home.save_revision().publish()
    html = home_html(network, "district_a")
    assert "Tin các xã" in html and "Tin xã A" in html


def test_archiving_a_commune_drops_its_news_from_the_cached_block(network):
    district = network.unit("district_a")
    publish(network, "commune_a", "Tin xã sắp lưu trữ", "tin-luu-tru")
    assert [i.title for i in aggregation.latest(district, Selection())] == ["Tin xã sắp lưu trữ"]
    commune = network.unit("commune_a")
    commune.status = "archived"
    commune.save()
    assert aggregation.latest(district, Selection()) == []
