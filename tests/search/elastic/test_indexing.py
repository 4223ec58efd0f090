"""The outbox indexer, the zero-downtime rebuild and the drift report, on a real node."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from elasticsearch import NotFoundError

from portal.publications.models import Publication, PublicationStatus
from portal.tenancy.models import Unit, UnitStatus
from search.elastic.client import get_client
from search.elastic.documents import document_id
from search.elastic.index import indices_behind_alias, rebuild
from search.elastic.indexer import drain
from search.elastic.mapping import alias_name

from ..corpus import publish
from .helpers import refresh, search, titles

pytestmark = pytest.mark.django_db


def change(row: Publication, **fields) -> None:
    """Change a ledger row as the ledger writer does: new version, outbox mark."""
    for name, value in fields.items():
        setattr(row, name, value)
    row.version += 1
    row.index_pending = True
    row.save()


def stored(row: Publication) -> dict:
    return get_client().get(index=alias_name(), id=document_id(row, row.unit.schema_name))[
        "_source"
    ]


def test_the_outbox_is_drained_into_the_index_unit_by_unit(es_index, units):
    resolution = publish(units["district_a"], "Nghị quyết về chuyển đổi số", doc_number="05-NQ/HU")
    plan = publish(units["commune_b"], "Kế hoạch chuyển đổi số của xã")
    report = drain()
    refresh()
    assert report.written >= 2 and report.failed == 0
    for row in (resolution, plan):
        row.refresh_from_db()
        assert not row.index_pending
    document = stored(resolution)
    assert document["doc_key"] == "05NQHU"
    assert document["unit_ancestor_ids"] == [units["province"].pk, units["district_a"].pk]
    assert document["level"] == units["district_a"].level.code
    # Each portal sees its own rows; the district above sees its commune's too.
    assert titles(search("chuyển đổi số", units["district_a"], "portal")) == [
        "Nghị quyết về chuyển đổi số"
    ]
    assert titles(search("chuyển đổi số", units["commune_b"], "portal")) == [
        "Kế hoạch chuyển đổi số của xã"
    ]
    assert titles(search("chuyen doi so", units["district_b"], "subtree")) == [
        "Kế hoạch chuyển đổi số của xã"
    ]
    assert sorted(titles(search("chuyển đổi số", units["district_a"]))) == [
        "Kế hoạch chuyển đổi số của xã",
        "Nghị quyết về chuyển đổi số",
    ]


def test_withdrawn_and_deleted_rows_leave_the_index(es_index, units):
    kept = publish(units["district_a"], "Thông báo tuyển dụng viên chức")
    withdrawn = publish(units["district_b"], "Thông báo tuyển dụng giáo viên")
    deleted = publish(units["commune_a"], "Thông báo tuyển dụng y tế")
    drain()
    change(withdrawn, status=PublicationStatus.WITHDRAWN)
    change(deleted, status=PublicationStatus.DELETED)
    assert drain().written == 2
    refresh()
    assert titles(search("tuyển dụng", units["province"])) == ["Thông báo tuyển dụng viên chức"]
    for row in (withdrawn, deleted):
        with pytest.raises(NotFoundError):
            stored(row)
    assert stored(kept)["title"] == "Thông báo tuyển dụng viên chức"


def test_a_row_withdrawn_before_the_indexer_ran_is_never_shown(es_index, units):
    row = publish(units["district_b"], "Thông báo nghỉ lễ Quốc khánh")
    drain()
    refresh()
    assert search("nghỉ lễ", units["province"]).count == 1
    change(row, status=PublicationStatus.WITHDRAWN)  # the outbox has not been drained yet
    assert search("nghỉ lễ", units["province"]).hits == []
    assert stored(row)["title"] == "Thông báo nghỉ lễ Quốc khánh"


def test_an_edit_replaces_the_indexed_text(es_index, units):
    row = publish(units["district_a"], "Lịch làm việc tuần 12")
    drain()
    change(row, title="Lịch làm việc tuần 13")
    drain()
    refresh()
    assert titles(search("tuần 13", units["district_a"], "portal")) == ["Lịch làm việc tuần 13"]
    assert search("tuần 12", units["district_a"], "portal").count == 0


def test_a_rebuild_swaps_the_alias_and_drops_archived_units(es_index, units):
    publish(units["district_a"], "Quy chế làm việc của Huyện ủy")
    archived_row = publish(units["commune_b"], "Quy chế làm việc của Đảng ủy xã")
    drain()
    refresh()
    old = indices_behind_alias(get_client())
    Unit.objects.filter(pk=units["commune_b"].pk).update(status=UnitStatus.ARCHIVED)
    name, loaded = rebuild()
    assert indices_behind_alias(get_client()) == [name] and name not in old
    assert not any(get_client().indices.exists(index=index) for index in old)
    shard = get_client().indices.segments(index=name)["indices"][name]["shards"]["0"][0]
    assert shard["num_search_segments"] == 1  # merged before the swap
    assert (
        loaded
        == Publication.objects.filter(
            status=PublicationStatus.LIVE, unit__status=UnitStatus.ACTIVE
        ).count()
    )
    with pytest.raises(NotFoundError):
        stored(archived_row)
    assert titles(search("quy chế làm việc", units["province"])) == [
        "Quy chế làm việc của Huyện ủy"
    ]


def test_search_status_reports_drift_until_the_outbox_is_drained(es_index, units, capsys):
    row = publish(units["district_b"], "Báo cáo sơ kết 6 tháng")
    with pytest.raises(CommandError, match="differs from the ledger"):
        call_command("search_status")
    assert str(row.pk) in capsys.readouterr().out
    call_command("search_index", "--once")
    assert "refused" in capsys.readouterr().out
    call_command("search_status")
    assert "The index matches the ledger." in capsys.readouterr().out


def test_search_index_refuses_a_bad_batch_size(es_index):
    with pytest.raises(CommandError, match="at least 1"):
        call_command("search_index", "--once", "--batch-size", "0")
