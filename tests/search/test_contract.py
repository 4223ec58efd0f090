"""The search contract: the same queries and expectations for every engine.

Searches run from the session network's province with scope "subtree" unless
a test is about scope, so only this test's rows (in the network's five units)
can be found. Each test writes its own ledger rows, then `engine.sync()`.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from portal.publications.models import PublicationStatus
from portal.tenancy.models import UnitStatus
from search.postgres.indexing import store_attachment_text
from search.query import SearchQuery

from .corpus import publish, titles

pytestmark = pytest.mark.django_db


def run(engine, text, unit, scope="subtree", **filters):
    return engine.engine.search(SearchQuery(text=text, scope=scope, unit_id=unit.pk, **filters))


def test_diacritics_do_not_matter_for_finding(engine, units):
    publish(units["district_a"], "Thông báo kết luận của Ban Thường vụ Huyện ủy")
    publish(units["district_b"], "Kế hoạch tuyên truyền")
    engine.sync()
    for text in (
        "thong bao ket luan",
        "Thông báo kết luận",
        "THONG BAO KET LUAN",
        "thông bao ket luân",
    ):
        assert titles(run(engine, text, units["province"])) == [
            "Thông báo kết luận của Ban Thường vụ Huyện ủy"
        ], text


def test_d_and_đ_are_the_same_letter(engine, units):
    publish(units["commune_a"], "Đại hội Đảng bộ xã Đồng Tâm")
    engine.sync()
    assert titles(run(engine, "dai hoi dang bo", units["province"])) == [
        "Đại hội Đảng bộ xã Đồng Tâm"
    ]
    assert titles(run(engine, "ĐỒNG TÂM", units["province"])) == ["Đại hội Đảng bộ xã Đồng Tâm"]


def test_exact_diacritics_rank_higher(engine, units):
    publish(units["district_a"], "Hội nghị về công tác bảo vệ rừng")
    publish(units["district_b"], "Hội nghị về công tác báo chí")
    engine.sync()
    assert titles(run(engine, "báo", units["province"])) == [
        "Hội nghị về công tác báo chí",
        "Hội nghị về công tác bảo vệ rừng",
    ]
    assert titles(run(engine, "bảo", units["province"])) == [
        "Hội nghị về công tác bảo vệ rừng",
        "Hội nghị về công tác báo chí",
    ]


@pytest.mark.parametrize(
    "typed", ["374-TB/HU", "374 - TB/HU", "374 -TB/HU", "374-tb/hu", "số 374-TB/HU"]
)
def test_a_document_number_puts_that_document_first(engine, units, typed):
    # Other rows mention the same pieces, more often and in their titles.
    publish(units["district_a"], "Thông báo 374 về TB và HU, TB HU 374", doc_number="375-TB/HU")
    publish(
        units["district_b"], "Kết luận 374 TB HU", doc_number="12-KL/HU", summary="374 TB HU 374"
    )
    publish(units["district_a"], "Thông báo kết luận hội nghị", doc_number="374-TB/HU")
    engine.sync()
    results = run(engine, typed, units["province"])
    assert results.hits[0].doc_number == "374-TB/HU"
    assert results.hits[0].title == "Thông báo kết luận hội nghị"


def test_a_document_number_with_a_slash_first(engine, units):
    publish(units["commune_b"], "Thông báo lịch tiếp công dân", doc_number="164/TB-UBND")
    publish(units["commune_a"], "Thông báo 164 của UBND", doc_number="165/TB-UBND")
    engine.sync()
    for typed in ("164/TB-UBND", "164 / TB - UBND", "thông báo 164/TB-UBND"):
        assert run(engine, typed, units["province"]).hits[0].doc_number == "164/TB-UBND", typed


def test_quoted_phrase_needs_the_words_side_by_side(engine, units):
    publish(units["district_a"], "Ứng dụng công nghệ thông tin trong cải cách hành chính")
    publish(
        units["district_b"], "Thông tin về công nghệ sản xuất lúa", summary="Tin công nghệ mới."
    )
    engine.sync()
    assert titles(run(engine, '"công nghệ thông tin"', units["province"])) == [
        "Ứng dụng công nghệ thông tin trong cải cách hành chính"
    ]
    assert titles(run(engine, '"cong nghe thong tin"', units["province"])) == [
        "Ứng dụng công nghệ thông tin trong cải cách hành chính"
    ]
    assert len(run(engine, "công nghệ thông tin", units["province"]).hits) == 2


def test_adjacent_syllables_rank_above_scattered_ones(engine, units):
    publish(
        units["district_b"],
        "Thông tin tuyên truyền về công nghệ mới",
        summary="Công nghệ và thông tin.",
    )
    publish(units["district_a"], "Hội thảo công nghệ thông tin cấp huyện")
    engine.sync()
    assert titles(run(engine, "công nghệ thông tin", units["province"]))[0] == (
        "Hội thảo công nghệ thông tin cấp huyện"
    )


def test_title_outranks_summary_outranks_body(engine, units):
    publish(units["district_a"], "Văn bản A", body_text="Chỉ đạo phòng chống thiên tai.")
    publish(units["district_b"], "Phòng chống thiên tai năm 2025")
    publish(units["commune_a"], "Văn bản C", summary="Về phòng chống thiên tai.")
    engine.sync()
    assert titles(run(engine, "phòng chống thiên tai", units["province"])) == [
        "Phòng chống thiên tai năm 2025",
        "Văn bản C",
        "Văn bản A",
    ]


def test_excluded_words(engine, units):
    publish(units["district_a"], "Kế hoạch phát triển kinh tế")
    publish(units["district_b"], "Kế hoạch phát triển văn hóa")
    engine.sync()
    assert titles(run(engine, "kế hoạch phát triển -văn", units["province"])) == [
        "Kế hoạch phát triển kinh tế"
    ]


def test_scopes_follow_the_unit_tree(engine, units):
    for key in ("province", "district_a", "district_b", "commune_a", "commune_b"):
        publish(units[key], f"Báo cáo tổng kết năm của {units[key].name}")
    engine.sync()

    def found(origin, scope):
        results = run(engine, "báo cáo tổng kết", units[origin], scope=scope)
        return {hit.unit_name for hit in results.hits}

    names = {key: unit.name for key, unit in units.items()}
    assert found("district_a", "portal") == {names["district_a"]}
    assert found("district_a", "subtree") == {names["district_a"], names["commune_a"]}
    assert found("district_b", "subtree") == {names["district_b"], names["commune_b"]}
    assert found("commune_b", "subtree") == {names["commune_b"]}
    assert found("commune_a", "network") >= set(names.values())
    assert found("province", "subtree") == set(names.values())


def test_only_visible_rows_are_ever_found(engine, units):
    publish(units["district_a"], "Quyết định về công tác cán bộ hiển thị")
    withdrawn = publish(units["district_a"], "Quyết định về công tác cán bộ đã gỡ")
    deleted = publish(units["district_b"], "Quyết định về công tác cán bộ đã xóa")
    publish(units["commune_b"], "Quyết định về công tác cán bộ của xã lưu trữ")
    withdrawn.status = PublicationStatus.WITHDRAWN
    withdrawn.save()
    deleted.status = PublicationStatus.DELETED
    deleted.save()
    archived = units["commune_b"]
    archived.status = UnitStatus.ARCHIVED
    archived.save()
    engine.sync()
    for origin, scope in (
        ("province", "subtree"),
        ("commune_a", "network"),
        ("district_b", "subtree"),
    ):
        assert "Quyết định về công tác cán bộ đã gỡ" not in titles(
            run(engine, "cán bộ", units[origin], scope)
        )
    assert titles(run(engine, "quyết định cán bộ", units["province"])) == [
        "Quyết định về công tác cán bộ hiển thị"
    ]
    # Searching from the archived unit's own portal finds nothing either.
    assert run(engine, "quyết định", archived, scope="portal").count == 0


def test_facets_count_every_match(engine, units):
    publish(
        units["district_a"],
        "Báo cáo tình hình an ninh",
        doc_type="Báo cáo",
        issuer="Huyện ủy Núi Đỏ",
        issued=datetime.date(2024, 12, 30),
    )
    publish(
        units["district_a"],
        "Báo cáo an ninh quý I",
        doc_type="Báo cáo",
        issuer="Huyện ủy Núi Đỏ",
        issued=datetime.date(2025, 3, 30),
    )
    publish(
        units["district_b"],
        "Kế hoạch bảo đảm an ninh",
        doc_type="Kế hoạch",
        issuer="Huyện ủy Sông Xanh",
        issued=datetime.date(2025, 4, 2),
    )
    publish(units["commune_a"], "Tin an ninh trật tự ở xã", kind="article")
    engine.sync()
    results = run(engine, "an ninh", units["province"])
    assert results.count == 4

    def facet(key):
        return {value.label: value.count for value in results.facets[key]}

    assert facet("unit") == {
        units["district_a"].name: 2,
        units["district_b"].name: 1,
        units["commune_a"].name: 1,
    }
    assert facet("level") == {
        str(units["district_a"].level.name): 3,
        str(units["commune_a"].level.name): 1,
    }
    assert facet("kind") == {"Văn bản": 3, "Tin bài": 1}
    assert facet("doc_type") == {"Báo cáo": 2, "Kế hoạch": 1}
    assert facet("issuer") == {"Huyện ủy Núi Đỏ": 2, "Huyện ủy Sông Xanh": 1}
    # An article has no issue date: its year is its publication year.
    assert facet("year") == {"2024": 1, "2025": 2, str(timezone.localdate().year): 1}
    assert {v.value for v in results.facets["unit"]} == {
        str(units[key].pk) for key in ("district_a", "district_b", "commune_a")
    }


def test_filters(engine, units):
    publish(
        units["district_a"],
        "Báo cáo công tác dân vận",
        doc_type="Báo cáo",
        issuer="Ban Dân vận",
        issued=datetime.date(2024, 6, 1),
    )
    publish(
        units["district_b"],
        "Kế hoạch công tác dân vận",
        doc_type="Kế hoạch",
        issuer="Ban Dân vận",
        issued=datetime.date(2025, 6, 1),
    )
    publish(units["commune_a"], "Công tác dân vận ở xã", kind="article")
    engine.sync()
    province = units["province"]
    assert titles(run(engine, "dân vận", province, doc_types=("Báo cáo",))) == [
        "Báo cáo công tác dân vận"
    ]
    assert titles(run(engine, "dân vận", province, kinds=("article",))) == ["Công tác dân vận ở xã"]
    assert titles(run(engine, "dân vận", province, years=(2024,))) == ["Báo cáo công tác dân vận"]
    assert titles(run(engine, "dân vận", province, unit_ids=(units["district_b"].pk,))) == [
        "Kế hoạch công tác dân vận"
    ]
    assert titles(run(engine, "dân vận", province, issuers=("Ban Dân vận",), sort="date")) == [
        "Kế hoạch công tác dân vận",
        "Báo cáo công tác dân vận",
    ]
    in_2025_h1 = run(
        engine,
        "dân vận",
        province,
        date_from=datetime.date(2025, 1, 1),
        date_to=datetime.date(2025, 6, 1),
        kinds=("document",),
    )
    assert titles(in_2025_h1) == ["Kế hoạch công tác dân vận"]
    # A unit filter cannot reach outside the scope.
    assert (
        run(
            engine,
            "dân vận",
            units["district_a"],
            scope="portal",
            unit_ids=(units["district_b"].pk,),
        ).count
        == 0
    )


def test_sort_by_date_and_pagination(engine, units):
    for day in range(1, 26):
        publish(
            units["district_a" if day % 2 else "district_b"],
            f"Thông cáo báo chí số {day}",
            issued=datetime.date(2025, 1, day),
        )
    engine.sync()
    pages = [
        run(engine, "thông cáo", units["province"], sort="date", page=n, page_size=10)
        for n in (1, 2, 3)
    ]
    assert [p.count for p in pages] == [25, 25, 25]
    assert [len(p.hits) for p in pages] == [10, 10, 5]
    issued = [hit.issued for p in pages for hit in p.hits]
    assert issued == sorted(issued, reverse=True) and len(set(issued)) == 25


def test_snippets_mark_matches_as_safe_html(engine, units):
    publish(
        units["district_a"],
        "Tin tổng hợp",
        summary="Hội nghị <script>alert(1)</script> bàn về chuyển đổi số trong các cơ quan Đảng.",
    )
    engine.sync()
    hit = run(engine, "chuyen doi so", units["province"]).hits[0]
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet
    assert "<mark>chuyển</mark> <mark>đổi</mark> <mark>số</mark>" in hit.snippet


def test_words_only_in_an_attached_file_show_its_text(engine, units):
    row = publish(
        units["district_a"],
        "Phương án số 2",
        summary="Tóm tắt phương án.",
        attachments=[{"title": "Toàn văn", "url": "/media/phuong-an.pdf"}],
    )
    store_attachment_text(
        row.pk, "Phương án phòng chống lũ quét trong mùa mưa bão <b>năm 2025</b>."
    )
    engine.sync()
    hit = run(engine, "lũ quét", units["province"]).hits[0]
    assert hit.publication_id == row.pk
    assert "<mark>lũ</mark> <mark>quét</mark>" in hit.snippet and "&lt;b&gt;" in hit.snippet
    # Words in the summary are shown from the summary.
    assert run(engine, "tóm tắt", units["province"]).hits[0].snippet.startswith("<mark>Tóm</mark>")


def test_hits_describe_the_row(engine, units):
    row = publish(
        units["district_b"],
        "Nghị quyết về phát triển nông nghiệp",
        doc_number="05-NQ/HU",
        doc_type="Nghị quyết",
        issuer="Huyện ủy Sông Xanh",
        issued=datetime.date(2025, 2, 3),
    )
    engine.sync()
    hit = run(engine, "nông nghiệp", units["province"]).hits[0]
    assert (hit.publication_id, hit.title, hit.url, hit.unit_id, hit.unit_name) == (
        row.pk,
        row.title,
        row.url,
        units["district_b"].pk,
        units["district_b"].name,
    )
    assert (hit.kind, hit.doc_number, hit.doc_type, hit.issuer, hit.issued) == (
        "document",
        "05-NQ/HU",
        "Nghị quyết",
        "Huyện ủy Sông Xanh",
        datetime.date(2025, 2, 3),
    )


def test_nothing_found_is_an_empty_answer(engine, units):
    publish(units["district_a"], "Thông báo")
    engine.sync()
    results = run(engine, "xyzzy khongcotu", units["province"])
    assert (results.count, results.hits) == (0, [])
