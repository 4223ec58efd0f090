"""The relevance rules (`search.relevance`), the same on every engine: one test per rule.

Each test puts the right row among rows built to outrank it under a looser
ranking (more occurrences, the words in their titles, folded look-alikes).
"""

from __future__ import annotations

import pytest

from search.postgres.indexing import store_attachment_text

from .corpus import publish, titles
from .test_contract import run

pytestmark = pytest.mark.django_db


def test_rows_with_every_word_rank_above_rows_missing_one(engine, units):
    publish(units["district_a"], "Kế hoạch phòng chống dịch", body_text="Phòng chống dịch. " * 5)
    publish(units["district_b"], "Phòng chống dịch tả lợn châu Phi năm 2025")
    engine.sync()
    found = titles(run(engine, "phòng chống dịch tả", units["province"]))
    assert found[0] == "Phòng chống dịch tả lợn châu Phi năm 2025"
    assert "Kế hoạch phòng chống dịch" not in found[:1]


def test_the_words_side_by_side_outrank_the_same_words_scattered_in_titles(engine, units):
    right = "Hướng dẫn triển khai cổng thông tin"
    publish(
        units["commune_b"],
        right,
        summary="Người dân nộp hồ sơ qua dịch vụ công trực tuyến mức độ 4.",
    )
    for index in range(6):
        publish(
            units["district_a"],
            f"Dịch vụ y tế công lập, tập huấn trực tuyến số {index}",
            summary="Dịch vụ, công việc và hội nghị trực tuyến; dịch vụ công ích.",
        )
    engine.sync()
    assert titles(run(engine, "dịch vụ công trực tuyến", units["province"]))[0] == right
    assert titles(run(engine, "dich vu cong truc tuyen", units["province"]))[0] == right


def test_unaccented_words_side_by_side_outrank_words_matching_only_when_folded(engine, units):
    right = "Đưa phòng họp trực tuyến vào sử dụng"
    publish(units["district_a"], right, body_text="Phòng họp trực tuyến kết nối 12 xã.")
    for index in range(5):
        publish(
            units["district_b"],
            f"Phóng sự: hộp thư trực tuyến và phòng truyền thống {index}",
            summary="Phòng họp, trực ban, tuyến đường, phóng viên, hợp tác.",
        )
    engine.sync()
    assert titles(run(engine, "phong hop truc tuyen", units["province"]))[0] == right


def test_exact_diacritics_outrank_folded_matches(engine, units):
    publish(units["district_a"], "Kế hoạch bảo vệ rừng", summary="Bảo vệ rừng đầu nguồn.")
    publish(units["district_b"], "Tổng kết công tác năm", body_text="Khen thưởng báo chí.")
    engine.sync()
    assert titles(run(engine, "báo", units["province"])) == [
        "Tổng kết công tác năm",
        "Kế hoạch bảo vệ rừng",
    ]


def test_a_word_matching_only_another_syllable_never_outranks_a_faithful_match(engine, units):
    faithful = "Báo cáo sơ kết năm 2025"
    publish(units["commune_a"], faithful, body_text="Đẩy mạnh chuyển đổi số trong các chi bộ.")
    weak = [
        "Chuyên đề đổi mới hoạt động của các sở",  # chuyên, sở
        "Sơ kết chuyên đề đổi mới",  # sơ, chuyên
        "Chuyên đổi sở hữu đất",  # every word weak, side by side, in the title
    ]
    for title in weak:
        publish(units["district_b"], title, summary=title)
    engine.sync()
    found = titles(run(engine, "chuyển đổi số", units["province"]))
    assert found[0] == faithful
    assert sorted(found[1:]) == sorted(weak)


def test_a_match_in_title_number_or_summary_outranks_one_in_body_or_attachment(engine, units):
    publish(units["district_a"], "Văn bản A", body_text="Về công tác dân vận khéo năm nay.")
    publish(units["district_b"], "Văn bản B", summary="Phong trào dân vận khéo.")
    publish(units["commune_a"], "Dân vận khéo ở cơ sở")
    engine.sync()
    assert titles(run(engine, "dân vận khéo", units["province"])) == [
        "Dân vận khéo ở cơ sở",
        "Văn bản B",
        "Văn bản A",
    ]


def test_a_match_in_the_number_or_summary_outranks_one_in_the_body_or_an_attached_file(
    engine, units
):
    in_file = publish(
        units["district_a"],
        "Văn bản C",
        attachments=[{"title": "Toàn văn", "url": "/media/van-ban-c.pdf"}],
    )
    store_attachment_text(in_file.pk, "Ban Chỉ đạo (BCĐ) họp; BCĐ giao việc. " * 5)
    publish(units["district_b"], "Văn bản B", body_text="Thường trực BCĐ họp định kỳ. " * 3)
    publish(units["commune_a"], "Văn bản S", summary="Kế hoạch của BCĐ.")
    publish(units["commune_b"], "Văn bản N", doc_number="05-KH/BCĐ")
    engine.sync()
    found = titles(run(engine, "BCĐ", units["province"]))
    assert sorted(found[:2]) == ["Văn bản N", "Văn bản S"]
    # Body and attached files are one class of the rule (their order is the words' relevance).
    assert sorted(found[2:]) == ["Văn bản B", "Văn bản C"]


@pytest.mark.parametrize(
    "typed",
    ["374", "374-TB", "374/TB", "374 - TB/HU", "số 374-tb/hu"],
)
def test_a_document_number_in_part_goes_straight_to_that_document(engine, units, typed):
    publish(units["district_a"], "Thông báo 374 và 374 người dự", summary="374 đại biểu, TB 374")
    publish(units["district_b"], "Kế hoạch 3740 về TB", doc_number="3740-KH/TB")
    publish(units["district_a"], "Thông báo kết luận hội nghị", doc_number="374-TB/HU")
    engine.sync()
    assert run(engine, typed, units["province"]).hits[0].doc_number == "374-TB/HU", typed


@pytest.mark.parametrize("typed", ["01-TB/BCD", "01 - TB/BCĐ", "01-tb/bcđ"])
def test_a_document_number_missing_its_last_part_finds_the_document(engine, units, typed):
    publish(units["commune_b"], "Thông báo 01 của TB về BCĐ", summary="01 01 TB BCĐ")
    publish(units["district_b"], "Thông báo của Ban Chỉ đạo", doc_number="01-TB/BCĐ-TU")
    engine.sync()
    assert run(engine, typed, units["province"]).hits[0].doc_number == "01-TB/BCĐ-TU", typed


def test_unrelated_rows_added_later_do_not_move_the_right_row(engine, units):
    right = "Quy chế làm việc của Ban Chấp hành Đảng bộ"
    publish(units["district_a"], right)
    publish(units["district_b"], "Quy định về việc làm thêm giờ", body_text="Ban chấp hành.")
    engine.sync()
    assert titles(run(engine, "quy chế làm việc", units["province"]))[0] == right
    for index in range(40):
        publish(
            units["commune_a"],
            f"Quy chế phối hợp số {index}",
            summary="Làm việc, quy chế, chế độ làm việc, quy trình việc làm.",
            body_text="Làm việc theo quy chế. " * 3,
        )
    engine.sync()
    assert titles(run(engine, "quy chế làm việc", units["province"]))[0] == right
