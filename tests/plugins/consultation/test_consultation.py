"""Consultations on drafts: a citizen comments on a section while it is open (and only
then), editors moderate and export, units below collect comments for the unit above, and
nothing of the module exists where it is off."""

from __future__ import annotations

import datetime
import io

import docx
import openpyxl
import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from plugins.consultation.choices import CommentStatus
from plugins.consultation.models import Comment, ConsultationIndexPage
from portal.publications.models import Publication
from portal.syndication import flows
from tests.conftest import client_for
from tests.extensions.helpers import disable, enable, home_of

from .helpers import DRAFT_LINE, add_consultation, comment_data, sections_of

pytestmark = pytest.mark.django_db
PAGE = "/gop-y-du-thao/du-thao-quy-che/"


@pytest.fixture
def consulting(network, settings, tmp_path):
    """The module on in district A and commune A (under it); district B left without it."""
    settings.MEDIA_ROOT = tmp_path
    for key in ("district_a", "commune_a"):
        enable(network, key, "plugin_consultation")
    return network


def comments_in(network, key: str) -> list[Comment]:
    with schema_context(network.units[key].schema_name):
        return list(Comment.objects.order_by("pk"))


def test_enabling_gives_the_unit_one_consultations_page(consulting):
    with schema_context(consulting.units["district_a"].schema_name):
        assert ConsultationIndexPage.objects.get().live
    enable(consulting, "district_a", "plugin_consultation")  # again: still one
    with schema_context(consulting.units["district_a"].schema_name):
        assert ConsultationIndexPage.objects.count() == 1
    assert client_for(consulting, "district_a").get("/gop-y-du-thao/").status_code == 200


def test_citizen_reads_the_draft_and_comments_on_a_section(consulting):
    page = add_consultation(consulting, "district_a")
    article_5 = sections_of(consulting, "district_a", page)[1]
    client = client_for(consulting, "district_a")
    body = client.get(PAGE).content.decode()
    assert DRAFT_LINE in body  # the DOCX's text, readable on the page
    assert "Điều 5. Trách nhiệm của Nhân dân" in body
    response = client.post(PAGE, comment_data(section=str(article_5.pk)))
    assert response.status_code == 302
    [comment] = comments_in(consulting, "district_a")
    assert response["Location"] == f"{PAGE}tra-cuu/{comment.code}/"
    assert comment.section_id == article_5.pk and comment.section_label == str(article_5)
    assert comment.unit_code == consulting.units["district_a"].code
    assert comment.status == CommentStatus.NEW
    status_page = client.get(response["Location"]).content.decode()
    assert comment.code in status_page and "Chờ duyệt" in status_page
    # Not shown before an editor publishes it.
    assert "tổ trưởng tổ dân phố" not in client.get(PAGE).content.decode()


@pytest.mark.parametrize(
    "opens, closes, message",
    [
        (-10, -1, "Đã hết hạn góp ý"),
        (2, 9, "chưa đến thời gian nhận góp ý"),
    ],
)
def test_comments_outside_the_period_are_refused_on_the_server(consulting, opens, closes, message):
    now = timezone.now()
    add_consultation(
        consulting,
        "district_a",
        opens_at=now + datetime.timedelta(days=opens),
        closes_at=now + datetime.timedelta(days=closes),
    )
    client = client_for(consulting, "district_a")
    assert 'name="text"' not in client.get(PAGE).content.decode()  # no form to fill
    response = client.post(PAGE, comment_data())
    assert response.status_code == 403
    assert message in response.content.decode()
    assert comments_in(consulting, "district_a") == []


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"website": "http://spam.example"}, "Có lỗi cần sửa"),  # the trap says no more
        ({"started": "gia-mao"}, "Biểu mẫu không hợp lệ."),
        ({"started": None}, "Biểu mẫu được gửi quá nhanh."),
        ({"text": "   "}, "Trường này là bắt buộc."),
        ({"text": "\x07\x0b"}, "Hãy nhập nội dung góp ý."),
        ({"text": "x" * 5001}, "5000"),
        ({"name": ""}, "Trường này là bắt buộc."),
        ({"email": "khong-phai-thu"}, "Nhập địa chỉ email."),
        ({"section": "999999"}, "Hãy chọn một lựa chọn hợp lệ"),
        ({"section": "abc"}, "Hãy chọn một lựa chọn hợp lệ"),
        ({"section": "1 OR 1=1"}, "Hãy chọn một lựa chọn hợp lệ"),
    ],
)
def test_bad_or_hostile_comments_are_refused_and_nothing_is_stored(consulting, fields, message):
    from portal.feedback import spam

    add_consultation(consulting, "district_a")
    data = comment_data(**fields)
    if fields.get("started", "") is None:
        data["started"] = spam.start_token()
    response = client_for(consulting, "district_a").post(PAGE, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert comments_in(consulting, "district_a") == []


def test_a_comment_of_another_consultation_section_is_refused(consulting):
    add_consultation(consulting, "district_a")
    other = add_consultation(consulting, "district_a", slug="du-thao-khac")
    foreign = sections_of(consulting, "district_a", other)[0]
    response = client_for(consulting, "district_a").post(
        PAGE, comment_data(section=str(foreign.pk))
    )
    assert response.status_code == 400
    assert comments_in(consulting, "district_a") == []


def test_control_characters_are_dropped_and_a_nul_is_refused(consulting):
    add_consultation(consulting, "district_a")
    client = client_for(consulting, "district_a")
    assert client.post(PAGE, comment_data(text="Ý kiến\x00")).status_code == 400
    assert comments_in(consulting, "district_a") == []
    response = client.post(PAGE, comment_data(text="Ý kiến\x0b có ký tự lạ\x1f", name="An\x08"))
    assert response.status_code == 302
    [comment] = comments_in(consulting, "district_a")
    assert comment.text == "Ý kiến có ký tự lạ" and comment.name == "An"


def test_the_feedback_rate_limit_applies(consulting, settings):
    settings.PORTAL_FEEDBACK_SENDER_LIMIT = (2, 600)
    add_consultation(consulting, "district_a")
    client = client_for(consulting, "district_a")
    assert [client.post(PAGE, comment_data()).status_code for _ in range(2)] == [302, 302]
    assert client.post(PAGE, comment_data()).status_code == 429
    assert len(comments_in(consulting, "district_a")) == 2


@pytest.mark.parametrize(
    "path", ["tra-cuu/YK-AAAAA-AAAAA/", "tra-cuu/%27%3B--/", "tra-cuu/" + "A" * 500 + "/"]
)
def test_unknown_lookup_codes_answer_404(consulting, path):
    add_consultation(consulting, "district_a")
    assert client_for(consulting, "district_a").get(PAGE + path).status_code == 404


def _commented(network, count: int = 2):
    page = add_consultation(network, "district_a")
    sections = sections_of(network, "district_a", page)
    client = client_for(network, "district_a")
    for number in range(count):
        section = sections[number % 2]
        data = comment_data(section=str(section.pk), text=f"Góp ý số {number + 1} về {section}")
        assert client.post(PAGE, data).status_code == 302
    return page, comments_in(network, "district_a")


def test_editor_publishes_hides_and_answers(consulting):
    page, (first, second) = _commented(consulting)
    editor = client_for(consulting, "district_a", consulting.users["district_a_editor"])
    queue = editor.get(f"/admin/gop-y-du-thao/{page.pk}/")
    assert queue.status_code == 200
    body = queue.content.decode()
    assert first.code in body and "thu@example.vn" in body
    assert "<td>Chương I. Những quy định chung</td><td>1</td><td>1</td>" in body
    response = editor.post(
        f"/admin/gop-y-du-thao/y-kien/{first.pk}/",
        {f"c{first.pk}-status": "published", f"c{first.pk}-answer": "Xin tiếp thu."},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/admin/gop-y-du-thao/{page.pk}/"
    editor.post(
        f"/admin/gop-y-du-thao/y-kien/{second.pk}/",
        {f"c{second.pk}-status": "hidden", f"c{second.pk}-answer": ""},
    )
    first_now, second_now = comments_in(consulting, "district_a")
    assert first_now.status == "published" and first_now.answer == "Xin tiếp thu."
    assert first_now.answered_by_id == consulting.users["district_a_editor"].pk
    assert second_now.status == "hidden"
    public = client_for(consulting, "district_a").get(PAGE).content.decode()
    assert "Góp ý số 1" in public and "Xin tiếp thu." in public
    assert "Góp ý số 2" not in public
    assert "thu@example.vn" not in public  # contacts never public


def test_moderation_with_a_bad_status_changes_nothing(consulting):
    page, (first, _second) = _commented(consulting)
    editor = client_for(consulting, "district_a", consulting.users["district_a_editor"])
    response = editor.post(
        f"/admin/gop-y-du-thao/y-kien/{first.pk}/",
        {f"c{first.pk}-status": "<script>", f"c{first.pk}-answer": "x"},
    )
    assert response.status_code == 302
    assert comments_in(consulting, "district_a")[0].status == "new"
    assert comments_in(consulting, "district_a")[0].answer == ""


def test_exports_for_the_drafting_committee(consulting):
    page, (first, second) = _commented(consulting)
    with schema_context(consulting.units["district_a"].schema_name):
        Comment.objects.filter(pk=second.pk).update(text='=HYPERLINK("http://x")')
    editor = client_for(consulting, "district_a", consulting.users["district_a_editor"])
    response = editor.get(f"/admin/gop-y-du-thao/{page.pk}/y-kien.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Mã tra cứu", "Gửi qua cổng", "Phần góp ý")
    assert "Thư điện tử" in rows[0]
    assert rows[1][0] == first.code and rows[1][2] == "Chương I. Những quy định chung"
    assert rows[1][1] == consulting.units["district_a"].name
    assert "thu@example.vn" in rows[1]
    assert rows[2][rows[0].index("Nội dung góp ý")] == '\'=HYPERLINK("http://x")'  # no formula
    summary = editor.get(f"/admin/gop-y-du-thao/{page.pk}/tong-hop.docx")
    assert summary.status_code == 200
    document = docx.Document(io.BytesIO(summary.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert page.title in text and "Số ý kiến: 2, từ 1 cổng." in text
    assert "Góp ý số 1 về Chương I. Những quy định chung" in text
    counts = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert counts == [
        ["Phần", "Số ý kiến"],
        ["Chương I. Những quy định chung", "1"],
        ["Điều 5. Trách nhiệm của Nhân dân", "1"],
        ["Toàn văn dự thảo", "0"],
    ]


def test_network_admin_exports_without_the_senders_contacts(consulting):
    page, _comments = _commented(consulting, 1)
    admin = client_for(consulting, "district_a", consulting.users["network_admin"])
    response = admin.get(f"/admin/gop-y-du-thao/{page.pk}/y-kien.xlsx")
    assert response.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert "Thư điện tử" not in rows[0] and "thu@example.vn" not in rows[1]


@pytest.mark.parametrize(
    "who", ["district_a_contributor", "staff_without_role", "district_b_editor"]
)
def test_without_the_right_no_moderation_and_no_export(consulting, who):
    """A contributor is sent back to the admin's home (Wagtail's refusal); people without a
    role in the unit, another unit's editor included, are refused the admin itself."""
    page, (first, _second) = _commented(consulting)
    client = client_for(consulting, "district_a", consulting.users[who])
    base = f"/admin/gop-y-du-thao/{page.pk}/"
    expected = 302 if who == "district_a_contributor" else 403
    for url in ("/admin/gop-y-du-thao/", base, f"{base}y-kien.xlsx", f"{base}tong-hop.docx"):
        response = client.get(url)
        assert response.status_code == expected, url
        if expected == 302:
            assert response["Location"] == "/admin/"
    response = client.post(
        f"/admin/gop-y-du-thao/y-kien/{first.pk}/",
        {f"c{first.pk}-status": "published", f"c{first.pk}-answer": "Trả lời giả"},
    )
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"] == "/admin/"
    comment = comments_in(consulting, "district_a")[0]
    assert comment.status == "new" and comment.answer == ""


def test_another_units_editor_on_their_own_host_reaches_nothing(consulting):
    page, (first, _second) = _commented(consulting)
    other = consulting.users["district_b_editor"]
    # On B's own host the module is off: its URLs do not exist there.
    on_b = client_for(consulting, "district_b", other)
    assert on_b.post(f"/admin/gop-y-du-thao/y-kien/{first.pk}/", {}).status_code == 404
    assert on_b.get(f"/admin/gop-y-du-thao/{page.pk}/y-kien.xlsx").status_code == 404
    # With the module on in B too, A's numbers find nothing in B's schema.
    enable(consulting, "district_b", "plugin_consultation")
    moderate = {f"c{first.pk}-status": "hidden", f"c{first.pk}-answer": ""}
    assert on_b.post(f"/admin/gop-y-du-thao/y-kien/{first.pk}/", moderate).status_code == 404
    assert on_b.get(f"/admin/gop-y-du-thao/{page.pk}/y-kien.xlsx").status_code == 404
    assert comments_in(consulting, "district_a")[0].status == "new"


def test_pushed_down_comments_gather_in_the_owners_queue(consulting):
    page = add_consultation(consulting, "district_a")
    district, commune = consulting.unit("district_a"), consulting.unit("commune_a")
    row = Publication.objects.get(unit=district, kind="consultation", object_id=page.pk)
    assert DRAFT_LINE in row.body_text and row.attachments[0]["filename"].endswith(".docx")
    with schema_context(district.schema_name):
        directive = flows.send_directive(
            district, consulting.users["district_a_editor"], row, "tin-tuc", targets=[commune]
        )
    appearance = directive.appearances.get()
    client = client_for(consulting, "commune_a")
    listing = client.get("/gop-y-du-thao/").content.decode()
    copy = f"/gop-y-du-thao/cap-tren/{appearance.pk}/"
    assert f'href="{copy}"' in listing
    body = client.get(copy).content.decode()
    assert DRAFT_LINE in body and district.name in body
    article_5 = sections_of(consulting, "district_a", page)[1]
    response = client.post(copy, comment_data(section=str(article_5.pk), text="Ý kiến từ xã"))
    assert response.status_code == 302
    [comment] = comments_in(consulting, "district_a")  # stored with the owner, not the commune
    assert response["Location"] == f"{copy}tra-cuu/{comment.code}/"
    assert comments_in(consulting, "commune_a") == []
    assert (comment.unit_code, comment.unit_name) == (commune.code, commune.name)
    assert comment.section_id == article_5.pk
    assert comment.code in client.get(response["Location"]).content.decode()
    editor = client_for(consulting, "district_a", consulting.users["district_a_editor"])
    queue = editor.get(f"/admin/gop-y-du-thao/{page.pk}/").content.decode()
    assert f'<span class="consultation-unit">{commune.name}</span>' in queue
    # Another unit's appearance number, or a unit the directive did not reach: nothing.
    assert client_for(consulting, "district_b").get(copy).status_code == 404
    assert client.get(f"/gop-y-du-thao/cap-tren/{appearance.pk + 999}/").status_code == 404


def test_a_closed_pushed_down_consultation_refuses_comments(consulting):
    now = timezone.now()
    page = add_consultation(
        consulting,
        "district_a",
        opens_at=now - datetime.timedelta(days=9),
        closes_at=now - datetime.timedelta(days=1),
    )
    district, commune = consulting.unit("district_a"), consulting.unit("commune_a")
    row = Publication.objects.get(unit=district, kind="consultation", object_id=page.pk)
    with schema_context(district.schema_name):
        directive = flows.send_directive(
            district, consulting.users["district_a_editor"], row, "tin-tuc", targets=[commune]
        )
    copy = f"/gop-y-du-thao/cap-tren/{directive.appearances.get().pk}/"
    response = client_for(consulting, "commune_a").post(copy, comment_data())
    assert response.status_code == 403 and "Đã hết hạn góp ý" in response.content.decode()
    assert comments_in(consulting, "district_a") == []


def test_home_banner_while_open_with_the_closing_date(consulting):
    page = add_consultation(consulting, "district_a")
    home = client_for(consulting, "district_a").get("/").content.decode()
    closes = timezone.localtime(page.closes_at).strftime("%H:%M %d/%m/%Y")
    assert 'class="consultation-banner"' in home and f"Hạn góp ý: {closes}" in home
    with schema_context(consulting.units["district_a"].schema_name):
        page.closes_at = timezone.now() - datetime.timedelta(minutes=1)
        page.opens_at = page.closes_at - datetime.timedelta(days=3)
        page.save_revision().publish()
    assert (
        'class="consultation-banner"'
        not in client_for(consulting, "district_a").get("/").content.decode()
    )


def test_home_banner_below_shows_the_consultation_sent_down_while_open(consulting):
    page = add_consultation(consulting, "district_a")
    district, commune = consulting.unit("district_a"), consulting.unit("commune_a")
    # Cached before the directive: sending it retires the commune's pages.
    banner = 'class="consultation-banner"'
    assert banner not in client_for(consulting, "commune_a").get("/").content.decode()
    row = Publication.objects.get(unit=district, kind="consultation", object_id=page.pk)
    with schema_context(district.schema_name):
        directive = flows.send_directive(
            district, consulting.users["district_a_editor"], row, "tin-tuc", targets=[commune]
        )
    copy = f"/gop-y-du-thao/cap-tren/{directive.appearances.get().pk}/"
    home = client_for(consulting, "commune_a").get("/").content.decode()
    closes = timezone.localtime(page.closes_at).strftime("%H:%M %d/%m/%Y")
    assert f'<a href="{copy}">{page.title}</a>' in home and f"Hạn góp ý: {closes}" in home
    # The unit it was not sent to shows nothing of it.
    assert copy not in client_for(consulting, "district_b").get("/").content.decode()
    with schema_context(district.schema_name):
        page.closes_at = timezone.now() - datetime.timedelta(minutes=1)
        page.opens_at = page.closes_at - datetime.timedelta(days=3)
        page.save_revision().publish()
    assert copy not in client_for(consulting, "commune_a").get("/").content.decode()


def test_nothing_of_the_module_where_it_is_off(consulting):
    page = add_consultation(consulting, "district_a")
    admin_b = client_for(consulting, "district_b", consulting.users["network_admin"])
    assert client_for(consulting, "district_b").get("/gop-y-du-thao/").status_code == 404
    assert admin_b.get("/admin/gop-y-du-thao/").status_code == 404
    assert 'href="/admin/gop-y-du-thao/"' not in admin_b.get("/admin/").content.decode()
    home = home_of(consulting, "district_b")
    assert (
        admin_b.get(
            f"/admin/pages/add/plugin_consultation/consultationindexpage/{home.pk}/"
        ).status_code
        == 404
    )
    assert 'class="consultation-banner"' not in admin_b.get("/").content.decode()
    # Turned off in A: page, queue and ledger row go; the comments are kept and come back.
    client = client_for(consulting, "district_a")
    assert client.post(PAGE, comment_data()).status_code == 302
    admin_a = client_for(consulting, "district_a", consulting.users["network_admin"])
    disable(consulting, "district_a", "plugin_consultation")
    assert client_for(consulting, "district_a").get(PAGE).status_code == 404
    assert client_for(consulting, "district_a").post(PAGE, comment_data()).status_code == 404
    assert admin_a.get(f"/admin/gop-y-du-thao/{page.pk}/").status_code == 404
    row = Publication.objects.get(unit=consulting.unit("district_a"), kind="consultation")
    assert row.status == "withdrawn"
    enable(consulting, "district_a", "plugin_consultation")
    assert len(comments_in(consulting, "district_a")) == 1
    assert client_for(consulting, "district_a").get(PAGE).status_code == 200


def test_demo_content_is_one_open_consultation_with_comments_once(consulting):
    from plugins.consultation.models import ConsultationPage
    from portal.extensions import registry

    enable(consulting, "province", "plugin_consultation")
    province = consulting.unit("province")
    plugin = registry.get("plugin_consultation")
    with schema_context(province.schema_name):
        assert plugin.demo_content(province, None) == 1
        assert plugin.demo_content(province, None) == 0  # again: nothing added
        page = ConsultationPage.objects.get()
        assert page.state() == "open" and page.sections.count() == 4
        assert (
            "Phần thứ hai: PHƯƠNG HƯỚNG, MỤC TIÊU" in page.drafts.get().text
        )  # the generated DOCX, read back
        labels = list(page.comments.values_list("section_label", flat=True))
    assert labels == ["Phần thứ hai. Phương hướng, mục tiêu nhiệm kỳ mới",
                      "Phần thứ ba. Nhiệm vụ, giải pháp chủ yếu", ""]  # fmt: skip
    home = client_for(consulting, "province").get("/").content.decode()
    assert 'class="consultation-banner"' in home
    with schema_context(consulting.units["district_a"].schema_name):
        assert plugin.demo_content(consulting.unit("district_a"), None) == 0  # province only


def test_public_comments_carry_a_valid_html_time(consulting):
    import re

    _page, (first, _second) = _commented(consulting)
    with schema_context(consulting.units["district_a"].schema_name):
        Comment.objects.filter(pk=first.pk).update(status=CommentStatus.PUBLISHED)
    client = client_for(consulting, "district_a")
    for body in (
        client.get(PAGE).content.decode(),
        client.get(f"{PAGE}tra-cuu/{first.code}/").content.decode(),
    ):
        stamps = re.findall(r'<time datetime="([^"]+)"', body)
        # The header's date, and the comment's time to the second (no microseconds).
        assert any("T" in stamp for stamp in stamps), stamps
        assert all(
            re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d[+-]\d{4})?", s) for s in stamps
        ), stamps
