"""The writing checks on real Vietnamese text, with Debian's hunspell-vi dictionary."""

import pytest

from sites.writing_desk import checks, spelling, tone_marks
from sites.writing_desk.checks import Draft, Leader, Photo, Rules

LEADERS = (
    Leader("Nguyễn Văn An", "Bí thư"),
    Leader("Trần Thị Bình", "Phó Bí thư Thường trực"),
    Leader("Lê Minh Cường", "Phó Bí thư, Chủ tịch Ủy ban nhân dân"),
)
RULES = Rules(tone_style=tone_marks.OLD, leaders=LEADERS)

CLEAN_TITLE = "Huyện uỷ Núi Đỏ tổng kết công tác xây dựng Đảng năm 2026"
CLEAN_LEAD = (
    "Sáng 07/12/2026, Ban Thường vụ Huyện uỷ tổ chức hội nghị tổng kết công tác xây dựng "
    "Đảng, bàn nhiệm vụ trọng tâm của năm tới."
)
CLEAN_BODY = (
    "Theo Thông báo số 374-TB/HU ngày 07 tháng 12 năm 2026, Bí thư Huyện uỷ Nguyễn Văn An "
    "chủ trì hội nghị. Phó Bí thư Thường trực Trần Thị Bình báo cáo kết quả thực hiện "
    "nghị quyết; các xã đã hoàn thành việc kiện toàn chi bộ, giữ vững khối đoàn kết, hoà "
    "hợp trong nhân dân và bảo đảm an ninh thuỷ lợi."
)


@pytest.fixture(scope="module")
def dictionary():
    found = spelling.dictionary()
    assert found is not None, "apt-get install hunspell-vi (make system-deps)"
    return found


def article(title=CLEAN_TITLE, lead=CLEAN_LEAD, body=CLEAN_BODY, photos=()):
    return Draft(
        title=title, lead=lead, lead_label="Sapo", texts=(("Nội dung", body),), photos=photos
    )


def summary(findings):
    return [(finding.kind, finding.excerpt) for finding in findings]


def test_clean_text_gives_no_finding(dictionary):
    photo = Photo("Ảnh đại diện", "Quang cảnh hội nghị. Ảnh: Minh Anh")
    assert checks.check(article(photos=(photo,)), RULES, dictionary) == []


def test_known_misspellings_and_mixed_tone_marks_give_exactly_those(dictionary):
    body = (
        "Hội nghị đã đánh giá cao sự phối hợp của các nghành, đoàn thể trong việc giữ gìn "
        "hòa bình, ổn định ở địa phương. Đại biểu cũng kiến nghị tăng cường sữa chữa "
        "công trình thủy lợi và chăm lo sức khỏe cho nhân dân; nhiều ý kiến đề nghị xữ lý "
        "nghiêm, ngiêm túc trách nhiệm của người đứng đầu."
    )
    findings = checks.check(article(body=body), RULES, dictionary)
    assert summary(findings) == [
        ("tone", "hòa"),
        ("tone", "thủy"),
        ("tone", "khỏe"),
        ("spelling", "nghành"),
        ("spelling", "xữ"),
        ("spelling", "ngiêm"),
    ]
    assert [f.suggestion for f in findings if f.kind == "tone"] == ["hoà", "thuỷ", "khoẻ"]
    assert all(f.fixable for f in findings if f.kind == "tone")
    assert "ngành" in findings[3].suggestion
    # "sữa chữa" (for "sửa chữa") is two real syllables: no dictionary of syllables sees it;
    # a board that meets it often puts it on its watch list.
    watched = Rules(tone_style=tone_marks.OLD, watch_words=(("sữa chữa", "sửa chữa"),))
    assert summary(checks.check(article(body=body), watched, dictionary))[-1] == (
        "watch",
        "sữa chữa",
    )


def test_the_new_style_unit_gets_the_old_style_words(dictionary):
    rules = Rules(tone_style=tone_marks.NEW)
    findings = checks.check(article(), rules, dictionary)
    assert summary(findings) == [
        ("tone", "uỷ"),  # the title's
        ("tone", "uỷ"),  # the lead's
        ("tone", "uỷ"),
        ("tone", "hoà"),
        ("tone", "thuỷ"),
    ]
    assert [f.where for f in findings][:2] == ["Tiêu đề", "Sapo"]


def test_tone_marks_restyle_only_open_syllables():
    assert tone_marks.restyle_text("Hòa bình, hoàng hôn, quý, Thủy, ÒA", tone_marks.OLD) == (
        "Hoà bình, hoàng hôn, quý, Thuỷ, OÀ"
    )
    assert tone_marks.restyle_html('<a href="/hòa">hoà</a>', tone_marks.NEW) == (
        '<a href="/hòa">hòa</a>'
    )


def test_lengths_out_of_range():
    findings = checks.check(article(title="Hội nghị", lead="Ngắn."), RULES)
    assert summary(findings) == [("length", ""), ("length", "")]
    assert "8 ký tự" in findings[0].message and "20" in findings[0].message
    long_title = "Hội nghị " * 20
    assert "dài hơn" in checks.check(article(title=long_title), RULES)[0].message


def test_photos_without_caption_or_source():
    photos = (
        Photo("Ảnh đại diện", ""),
        Photo("Nội dung, ảnh 1", "Quang cảnh hội nghị"),
        Photo("Nội dung, ảnh 2", "Quang cảnh hội nghị (Ảnh: Minh Anh)"),
        Photo("Nội dung, ảnh 3", "Nguồn: Báo Sơn Lâm"),
    )
    findings = checks.check(article(photos=photos), RULES)
    assert [(f.kind, f.where) for f in findings] == [
        ("photo", "Ảnh đại diện"),
        ("photo", "Nội dung, ảnh 1"),
    ]
    assert "chưa có chú thích" in findings[0].message
    assert "chưa ghi nguồn" in findings[1].message


def test_dates_in_non_standard_forms():
    body = (
        "Ngày 7/12/2026 và 07-12-2026, hạn 7.1.2027; ngày 5 tháng 1 năm 2027, ngày 15 tháng 12 "
        "năm 2026; tỷ lệ 3/4/2026 không phải ngày 31/2/2026; đúng: 07/12/2026."
    )
    findings = checks.check(article(body=body), RULES)
    assert [(f.excerpt, f.suggestion) for f in findings] == [
        ("7/12/2026", "07/12/2026"),
        ("07-12-2026", "07/12/2026"),
        ("7.1.2027", "07/01/2027"),
        ("3/4/2026", "03/04/2026"),
        ("ngày 5 tháng 1 năm 2027", "ngày 05 tháng 01 năm 2027"),
    ]


def test_document_numbers_in_non_standard_forms():
    body = (
        "Thực hiện Thông báo 374 TB-HU, Quyết định số 15 / qđ - ubnd, Công văn 20-CV/HU "
        "và Kế hoạch 164/KH-UBND; Chỉ thị 05 CT/TU."
    )
    findings = checks.check(article(body=body), RULES)
    assert [(f.kind, f.excerpt, f.suggestion) for f in findings] == [
        ("number", "374 TB-HU", "374-TB/HU"),
        ("number", "15 / qđ - ubnd", "15/QĐ-UBND"),
        ("number", "05 CT/TU", "05-CT/TU"),
    ]


def test_leaders_names_and_titles():
    body = (
        "Bí thư Nguyễn Văn Ân phát biểu. Bí thư Lê Minh Cường dự. Chủ tịch Uỷ ban nhân dân "
        "Lê Minh Cường trả lời. Bí thư Phạm Văn Dũng kết luận."
    )
    findings = checks.check(article(body=body), RULES)
    assert [(f.kind, f.excerpt) for f in findings] == [
        ("leader", "Nguyễn Văn Ân"),
        ("leader", "Lê Minh Cường"),
        ("leader", "Phạm Văn Dũng"),
    ]
    assert findings[0].suggestion == "Nguyễn Văn An"
    assert "Lê Minh Cường là Phó Bí thư, Chủ tịch" in findings[1].message
    assert "Nguyễn Văn An" in findings[2].message


def test_watch_words_match_whole_words_in_either_tone_style():
    rules = Rules(watch_words=(("hòa giải", "thương lượng"), ("bài", "")))
    findings = checks.check(article(body="Tổ hoà giải ở cơ sở; bài viết; Bài."), rules)
    assert [(f.excerpt, f.suggestion) for f in findings] == [
        ("hòa giải", "thương lượng"),
        ("bài", ""),
    ]
    assert checks.check(article(body="Tổ hoà giảii"), rules) == []


def test_accepted_words_and_abbreviations_are_not_misspellings(dictionary):
    body = "UBND xã dùng Zalo để nhắn tin."
    assert summary(checks.check(article(body=body), RULES, dictionary)) == [("spelling", "Zalo")]
    accepted = Rules(accepted_words=frozenset({"zalo"}))
    assert checks.check(article(body=body), accepted, dictionary) == []
