"""Search reads the network's units from a per-process snapshot: it must follow every change."""

from __future__ import annotations

import pytest

from portal.tenancy import routing
from portal.tenancy.models import Level, UnitStatus
from search import unit_directory
from search.engines import engine_named
from search.query import SearchQuery

from .corpus import publish

pytestmark = pytest.mark.django_db


def search(network, unit_key, text, scope="subtree"):
    return engine_named("postgres").search(
        SearchQuery(text=text, scope=scope, unit_id=network.unit(unit_key).pk)
    )


def test_a_renamed_unit_is_named_anew_in_hits_and_facets(network):
    district = network.unit("district_a")
    publish(district, "Báo cáo mùa chè")
    assert search(network, "province", "mùa chè").hits[0].unit_name == district.name
    district.name = "Huyện Chè Xanh"
    district.save()
    results = search(network, "province", "mùa chè")
    assert results.hits[0].unit_name == "Huyện Chè Xanh"
    assert [value.label for value in results.facets["unit"]] == ["Huyện Chè Xanh"]


def test_an_archived_unit_leaves_every_scope_at_once(network):
    commune = network.unit("commune_a")
    publish(commune, "Thông báo lịch tiếp dân")
    assert search(network, "province", "lịch tiếp dân").count == 1
    commune.status = UnitStatus.ARCHIVED
    commune.save()
    assert search(network, "province", "lịch tiếp dân").count == 0
    assert search(network, "commune_a", "lịch tiếp dân", scope="network").count == 0


def test_a_renamed_level_is_read_anew(network):
    publish(network.unit("district_a"), "Kế hoạch trồng chè")
    level = Level.objects.get(pk=network.unit("district_a").level_id)
    level.name = "Cấp huyện cũ"
    level.save()
    assert [value.label for value in search(network, "province", "trồng chè").facets["level"]] == [
        "Cấp huyện cũ"
    ]


def test_the_snapshot_is_kept_while_the_token_stands(network, django_assert_num_queries):
    province = network.unit("province")
    unit_directory.units()
    with django_assert_num_queries(0):
        assert unit_directory.units()[province.pk].name == province.name


def test_a_change_retires_the_token_again_when_it_commits(
    network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        unit = network.unit("commune_b")
        unit.name = "Xã Mới"
        unit.save()
        before_commit = routing.current_version()
    for callback in callbacks:
        callback()
    assert routing.current_version() != before_commit
