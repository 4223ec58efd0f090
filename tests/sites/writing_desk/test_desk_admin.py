"""The writing desk over HTTP: the editor's report, the fix, rights, units, the dashboard."""

import pytest
from django.urls import reverse
from django.utils.text import slugify
from django_tenants.utils import schema_context
from wagtail.models import Comment, Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from sites.models import ArticlePage, IntroductionPage, Leader
from sites.writing_desk.models import DeskRules
from tests.conftest import client_for
from tests.sites.factories import news_section, registry

pytestmark = pytest.mark.django_db

PARAGRAPH = (
    "<p>Ngày 7/12/2026, Bí thư Nguyễn Văn Ân chủ trì hội nghị bàn về hòa giải ở cơ sở và "
    "các nghành liên quan.</p>"
)


def article_form(title, body=PARAGRAPH, lead="Sapo ngắn.", action=None, **extra):
    data = {
        "title": title,
        "slug": "bai-" + slugify(title.replace("đ", "d")),
        "lead": lead,
        "date": "2026-12-07 08:00",
        "body": streamfield([("paragraph", rich_text(body))]),
        "tags": "",
        "featured_image_caption": "",
        "author": "Cộng tác viên",
        "source": "",
        "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
        **extra,
    }
    if action:
        data[action] = action
    return nested_form_data(data)


XHR = {"X-Requested-With": "XMLHttpRequest"}


def unit_schema(network, key):
    return network.units[key].schema_name


def contributors_draft(network, title="Bài của cộng tác viên"):
    """A draft article the district's contributor owns, as the add view would save it."""
    contributor = client_for(network, "district_a", network.users["district_a_contributor"])
    with schema_context(unit_schema(network, "district_a")):
        section_id = news_section().pk
    response = contributor.post(
        f"/admin/pages/add/portal_sites/articlepage/{section_id}/", article_form(title)
    )
    assert response.status_code == 302, response.content[:500]
    with schema_context(unit_schema(network, "district_a")):
        return ArticlePage.objects.get(title=title).pk


@pytest.fixture
def leaders(network):
    with schema_context(unit_schema(network, "district_a")):
        intro = IntroductionPage.objects.get()
        intro.leaders = [Leader(name="Nguyễn Văn An", position="Bí thư")]
        intro.save_revision().publish()


def test_the_contributor_sees_the_findings_of_what_is_typed(network, leaders):
    page_id = contributors_draft(network)
    contributor = client_for(network, "district_a", network.users["district_a_contributor"])
    response = contributor.post(
        f"/admin/ban-viet/kiem-tra/{page_id}/", article_form("Bài của cộng tác viên")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "“hòa” đặt dấu khác kiểu của đơn vị: viết “hoà”" in html
    assert "“nghành” không có trong từ điển tiếng Việt" in html
    assert "Ngày “7/12/2026” viết theo dạng chuẩn là “07/12/2026”" in html
    assert "“Nguyễn Văn Ân” viết theo danh sách là “Nguyễn Văn An”" in html
    assert "Sapo có 10 ký tự" in html
    assert f'formaction="/admin/ban-viet/sua-dau-thanh/{page_id}/"' in html


def test_a_new_page_is_checked_before_it_is_saved(network):
    contributor = client_for(network, "district_a", network.users["district_a_contributor"])
    with schema_context(unit_schema(network, "district_a")):
        section_id = news_section().pk
    url = f"/admin/ban-viet/kiem-tra/moi/portal_sites/articlepage/{section_id}/"
    response = contributor.post(url, article_form("Tin mới về hòa giải ở cơ sở hôm nay"))
    assert response.status_code == 200
    assert "“hòa”" in response.content.decode()
    assert "formaction" not in response.content.decode()  # nothing saved yet to fix
    bad_model = f"/admin/ban-viet/kiem-tra/moi/portal_sites/sectionpage/{section_id}/"
    assert contributor.post(bad_model, article_form("x")).status_code == 404


def test_the_watch_list_and_style_are_the_units_own(network):
    page_id = contributors_draft(network)
    with schema_context(unit_schema(network, "district_a")):
        DeskRules.objects.create(tone_style="new", watch_words="hội nghị => cuộc họp")
    contributor = client_for(network, "district_a", network.users["district_a_contributor"])
    html = contributor.post(
        f"/admin/ban-viet/kiem-tra/{page_id}/", article_form("Bài của cộng tác viên")
    ).content.decode()
    assert "“hội nghị” nằm trong danh sách từ cần tránh" in html and "“cuộc họp”" in html
    assert "“hòa”" not in html  # the unit writes the new style now
    # The other district keeps its defaults and never sees this list.
    editor_b = client_for(network, "district_b", network.users["district_b_editor"])
    rules_b = editor_b.get("/admin/ban-viet/quy-dinh/")
    assert rules_b.status_code == 200
    assert "cuộc họp" not in rules_b.content.decode()


def test_people_without_edit_rights_are_refused_and_nothing_changes(network):
    page_id = contributors_draft(network)
    with schema_context(unit_schema(network, "district_a")):
        owned_by_editor = news_section().add_child(
            instance=ArticlePage(title="Bài của biên tập viên", slug="bai-bien-tap", live=False)
        )
        owned_by_editor.owner = network.users["district_a_editor"]
        owned_by_editor.save()
        revisions = Page.objects.get(pk=owned_by_editor.pk).revisions.count()
    contributor = client_for(network, "district_a", network.users["district_a_contributor"])
    form = article_form("Bài của biên tập viên", body="<p>hòa</p>")
    check_url = f"/admin/ban-viet/kiem-tra/{owned_by_editor.pk}/"
    # desk.js asks as XMLHttpRequest: Wagtail's refusal is then a bare 403...
    assert contributor.post(check_url, form, headers=XHR).status_code == 403
    # ... and for a form sent by the browser, the dashboard with Wagtail's message.
    refused = contributor.post(f"/admin/ban-viet/sua-dau-thanh/{owned_by_editor.pk}/", form)
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    with schema_context(unit_schema(network, "district_a")):
        assert Page.objects.get(pk=owned_by_editor.pk).revisions.count() == revisions
    # Another unit's editor, on this unit's host, holds no role here.
    stranger = client_for(network, "district_a", network.users["district_b_editor"])
    assert stranger.post(f"/admin/ban-viet/kiem-tra/{page_id}/", form).status_code == 403
    assert stranger.post(f"/admin/ban-viet/sua-dau-thanh/{page_id}/", form).status_code == 403
    with schema_context(unit_schema(network, "district_a")):
        assert Page.objects.get(pk=page_id).revisions.count() == 1
    # GET is not a check, a missing page is 404, garbage is 400 and never a 500.
    assert contributor.get(f"/admin/ban-viet/kiem-tra/{page_id}/").status_code == 405
    assert contributor.post("/admin/ban-viet/kiem-tra/999999/", form).status_code == 404
    huge = "/admin/ban-viet/kiem-tra/moi/portal_sites/articlepage/99999999999999999999/"
    assert contributor.post(huge, form).status_code == 404
    assert contributor.get("/admin/ban-viet/bao-cao/99999999999999999999/").status_code == 404
    garbage = {"title": "x", "body-count": "nhiều"}
    assert contributor.post(f"/admin/ban-viet/kiem-tra/{page_id}/", garbage).status_code in (
        200,
        400,
    )


def test_one_click_fixes_the_tone_marks_into_a_draft(network):
    page_id = contributors_draft(network)
    contributor = client_for(network, "district_a", network.users["district_a_contributor"])
    form = article_form(
        "Hòa giải ở cơ sở: sức khỏe cộng đồng",
        body="<p>Giữ gìn <b>hòa</b> bình, thủy lợi; hoàng hôn.</p>",
        lead="Ủy ban bàn về hòa giải.",
    )
    response = contributor.post(f"/admin/ban-viet/sua-dau-thanh/{page_id}/", form)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{page_id}/edit/"
    with schema_context(unit_schema(network, "district_a")):
        draft = Page.objects.get(pk=page_id).specific.get_latest_revision_as_object()
        assert draft.title == "Hoà giải ở cơ sở: sức khoẻ cộng đồng"
        assert draft.lead == "Uỷ ban bàn về hoà giải."
        assert ">Giữ gìn <b>hoà</b> bình, thuỷ lợi; hoàng hôn.</p>" in draft.body[0].value.source
    report = contributor.post(f"/admin/ban-viet/kiem-tra/{page_id}/", form)
    assert "formaction" in report.content.decode()
    # A form with errors saves nothing and says why.
    with schema_context(unit_schema(network, "district_a")):
        revisions = Page.objects.get(pk=page_id).revisions.count()
    broken = article_form("", body="<p>hòa</p>")
    response = contributor.post(f"/admin/ban-viet/sua-dau-thanh/{page_id}/", broken)
    assert response.status_code == 400
    assert "không có gì bị thay đổi" in response.content.decode()
    with schema_context(unit_schema(network, "district_a")):
        assert Page.objects.get(pk=page_id).revisions.count() == revisions


def test_rules_are_for_the_board_and_the_handbook_for_everyone(network):
    contributor = client_for(network, "district_a", network.users["district_a_contributor"])
    editor = client_for(network, "district_a", network.users["district_a_editor"])
    refused = contributor.get("/admin/ban-viet/quy-dinh/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    response = contributor.post("/admin/ban-viet/quy-dinh/", {"tone_style": "new"}, headers=XHR)
    assert response.status_code == 403
    with schema_context(unit_schema(network, "district_a")):
        assert not DeskRules.objects.exists()
    bad = {"tone_style": "new", "title_min": 50, "title_max": 10, "lead_min": 1, "lead_max": 5}
    response = editor.post("/admin/ban-viet/quy-dinh/", bad)
    assert response.status_code == 200 and "Mức tối đa phải lớn hơn" in response.content.decode()
    good = {
        **bad,
        "title_max": 120,
        "handbook": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Viết ngắn, rõ, đúng.", '
        '"depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
        "watch_words": "bài viết",
    }
    assert editor.post("/admin/ban-viet/quy-dinh/", good).status_code == 302
    handbook = contributor.get("/admin/ban-viet/so-tay/")
    assert handbook.status_code == 200
    assert "Viết ngắn, rõ, đúng." in handbook.content.decode()
    assert "Sửa sổ tay" not in handbook.content.decode()
    assert "/admin/ban-viet/so-tay/" in contributor.get("/admin/").content.decode()  # menu item
    other = client_for(network, "district_b", network.users["district_b_contributor"])
    assert "Viết ngắn" not in other.get("/admin/ban-viet/so-tay/").content.decode()
    nobody = client_for(network, "district_a", network.users["staff_without_role"])
    response = nobody.get("/admin/ban-viet/so-tay/")
    assert response.status_code == 403  # no role in this unit


def test_requested_changes_reach_the_contributors_dashboard_with_the_comments(network):
    schema = unit_schema(network, "district_a")
    contributor = client_for(network, "district_a", network.users["district_a_contributor"])
    editor = client_for(network, "district_a", network.users["district_a_editor"])
    with schema_context(schema):
        section_id = news_section().pk
    response = contributor.post(
        f"/admin/pages/add/portal_sites/articlepage/{section_id}/",
        article_form("Bài gửi duyệt có lỗi", action="action-submit"),
    )
    assert response.status_code == 302
    with schema_context(schema):
        page = ArticlePage.objects.get(title="Bài gửi duyệt có lỗi")
        Comment.objects.create(
            page=page,
            user=network.users["district_a_editor"],
            text="Kiểm tra lại tên đồng chí Bí thư.",
            contentpath="title",
        )
        task_state = page.current_workflow_task_state
    # The editor sees the same report on the submitted revision, linked from the page's menu.
    assert (
        f"/admin/ban-viet/bao-cao/{page.pk}/"
        in editor.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    )
    report = editor.get(f"/admin/ban-viet/bao-cao/{page.pk}/")
    assert report.status_code == 200 and "“nghành”" in report.content.decode()
    response = editor.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "reject", task_state.pk)),
        {"comment": "Sửa chính tả và ngày tháng rồi gửi lại."},
    )
    assert response.status_code == 302
    with schema_context(schema):
        assert WorkflowState.objects.get(object_id=str(page.pk)).status == "needs_changes"
    dashboard = contributor.get("/admin/").content.decode()
    assert "Bài được yêu cầu chỉnh sửa" in dashboard
    assert "Sửa chính tả và ngày tháng rồi gửi lại." in dashboard
    assert "Kiểm tra lại tên đồng chí Bí thư." in dashboard
    # Nobody else's dashboard lists it.
    assert (
        "Bài gửi duyệt có lỗi"
        not in editor.get("/admin/").content.decode().split("Bài được yêu cầu chỉnh sửa")[-1]
        or "Bài được yêu cầu chỉnh sửa" not in editor.get("/admin/").content.decode()
    )
    other = client_for(network, "district_b", network.users["district_b_contributor"])
    assert "Bài gửi duyệt có lỗi" not in other.get("/admin/").content.decode()


def test_a_documents_abstract_is_checked(network):
    with schema_context(unit_schema(network, "district_a")):
        registry_id = registry().pk
    editor = client_for(network, "district_a", network.users["district_a_editor"])
    form = nested_form_data(
        {
            "title": "Thông báo kết luận của Thường trực Huyện uỷ về công tác hoà giải",
            "number": "",
            "doc_type": "thong-bao",
            "issuer": "Huyện uỷ Núi Đỏ",
            "issued": "2026-12-07",
            "abstract": "Thực hiện Thông báo 374 TB-HU ngày 7/12/2026 về công tác hòa giải.",
            "confidentiality": "thuong",
            "attachments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
        }
    )
    url = f"/admin/ban-viet/kiem-tra/moi/portal_sites/documentpage/{registry_id}/"
    response = editor.post(url, form)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Số, ký hiệu “374 TB-HU” viết theo dạng chuẩn là “374-TB/HU”" in html
    assert "Ngày “7/12/2026”" in html and "“hòa”" in html
    assert "Sapo" not in html  # a document has no lead to measure
    # An article cannot be added under the registry: no report for it there.
    wrong_place = f"/admin/ban-viet/kiem-tra/moi/portal_sites/articlepage/{registry_id}/"
    assert editor.post(wrong_place, form).status_code == 404


def test_anonymous_visitors_and_other_units_reach_no_desk_endpoint(network):
    page_id = contributors_draft(network)
    form = article_form("Bài của cộng tác viên", body="<p>hòa</p>")
    with schema_context(unit_schema(network, "district_a")):
        section_id = news_section().pk
        rules_before = DeskRules.current().watch_words
    new_page = f"/admin/ban-viet/kiem-tra/moi/portal_sites/articlepage/{section_id}/"
    anonymous = client_for(network, "district_a")
    for url, data in (
        (f"/admin/ban-viet/kiem-tra/{page_id}/", form),
        (new_page, form),
        (f"/admin/ban-viet/sua-dau-thanh/{page_id}/", form),
        ("/admin/ban-viet/quy-dinh/", {"watch_words": "bị chèn", "tone_style": "new"}),
    ):
        response = anonymous.post(url, data)
        assert (response.status_code, response["Location"]) == (
            302,
            f"/admin/login/?next={url}",
        ), url
    for url in (f"/admin/ban-viet/bao-cao/{page_id}/", "/admin/ban-viet/so-tay/"):
        response = anonymous.get(url)
        assert (response.status_code, response["Location"]) == (302, f"/admin/login/?next={url}")
    # District B's editor on B's own host: A's page number names nothing of A there.
    on_b = client_for(network, "district_b", network.users["district_b_editor"])
    with schema_context(unit_schema(network, "district_b")):
        same_number = Page.objects.filter(pk=page_id).first()
    assert same_number is None or not isinstance(same_number.specific, ArticlePage)
    assert on_b.post(f"/admin/ban-viet/sua-dau-thanh/{page_id}/", form).status_code == 404
    assert on_b.get(f"/admin/ban-viet/bao-cao/{page_id}/").status_code == 404
    with schema_context(unit_schema(network, "district_a")):
        assert Page.objects.get(pk=page_id).revisions.count() == 1
        assert DeskRules.current().watch_words == rules_before
