"""The role table of docs/roles.md, over HTTP: every role × action × page.

`TABLE` mirrors the document. Each cell is performed through the real admin
URL on unit A's host. An allowed cell must really have happened (the page
deleted, moved, published, the draft saved, the page shown); a refused cell
must answer 403/404 or a 302 to the admin's dashboard (Wagtail's refusal), or, for
anonymous people, to the sign-in page, and
leave the page exactly as it was (still there, same parent, title, live state
and revision count).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.urls import reverse
from django_tenants.utils import schema_context
from wagtail.models import Page

from sites.models import ArticlePage, Confidentiality, SectionPage
from tests.conftest import client_for
from tests.sites.factories import document, news_section, publish_article
from tests.sites.test_workflow import article_form

pytestmark = pytest.mark.django_db

ROLES = ("contributor", "editor", "site_admin", "network_admin", "other_unit_editor", "anonymous")
PAGES = ("own_draft", "others_draft", "live_page", "document")
ACTIONS = (
    "edit",
    "view_draft",
    "history",
    "delete",
    "publish",
    "unpublish",
    "move",
    "bulk_delete",
    "admin_api",
    "report",
)

# Whether the contributor may do the action on each page ("own_draft" is the contributor's;
# the other pages are the editor's). Unpublishing applies to the live page only; publishing
# and moving to drafts of articles; the document is the editor's unpublished official document.
CONTRIBUTOR = {
    "own_draft": {"edit", "view_draft", "history", "admin_api", "report"},
    "others_draft": set(),
    # Live pages are public: the admin API and the history report show them to everyone.
    "live_page": {"admin_api", "report"},
    "document": set(),
}
APPLIES = {
    "own_draft": set(ACTIONS) - {"unpublish"},
    "others_draft": set(ACTIONS) - {"unpublish"},
    "live_page": set(ACTIONS) - {"publish"},
    "document": set(ACTIONS) - {"unpublish", "move"},
}
UNIT_PUBLISHERS = ("editor", "site_admin", "network_admin")  # everything in the unit
OUTSIDERS = ("other_unit_editor", "anonymous")  # nothing at all


def allowed(role: str, page: str, action: str) -> bool:
    if role in UNIT_PUBLISHERS:
        return True
    if role == "contributor":
        return action in CONTRIBUTOR[page]
    return False


TABLE = [
    (role, page, action, allowed(role, page, action))
    for role in ROLES
    for page in PAGES
    for action in ACTIONS
    if action in APPLIES[page]
]

USERS = {
    "contributor": "district_a_contributor",
    "editor": "district_a_editor",
    "site_admin": "district_a_admin",
    "network_admin": "network_admin",
    "other_unit_editor": "district_b_editor",
}


@dataclass
class Scene:
    pages: dict[str, int]
    latest_revisions: dict[int, int]
    destination_id: int


@dataclass(frozen=True)
class PageState:
    exists: bool
    title: str = ""
    parent_id: int | None = None
    live: bool = False
    revisions: int = 0
    latest_title: str = ""


def _draft(title: str, owner) -> Page:
    article = news_section().add_child(
        instance=ArticlePage(title=title, live=False, owner=owner, lead="Sapo")
    )
    article.save_revision(user=owner, log_action=True)
    return article


@pytest.fixture
def scene(network):
    contributor = network.users["district_a_contributor"]
    editor = network.users["district_a_editor"]
    with schema_context(network.units["district_a"].schema_name):
        own = _draft("Bản nháp của cộng tác viên", contributor)
        others = _draft("Bản nháp của biên tập viên", editor)
        live = publish_article("Tin đã đăng của biên tập viên", owner=editor)
        doc = document("15/TB-HU", publish=False, owner=editor, slug="van-ban-15-tb-hu")
        doc.save_revision(user=editor, log_action=True)
        destination = (
            news_section()
            .get_parent()
            .add_child(
                instance=SectionPage(title="Chuyên mục nhận bài chuyển", slug="chuyen-muc-nhan")
            )
        )
        pages = (own, others, live, doc)
        return Scene(
            latest_revisions={page.pk: page.get_latest_revision().pk for page in pages},
            pages={
                "own_draft": own.pk,
                "others_draft": others.pk,
                "live_page": live.pk,
                "document": doc.pk,
            },
            destination_id=destination.pk,
        )


def state_of(network, page_id: int) -> PageState:
    with schema_context(network.units["district_a"].schema_name):
        page = Page.objects.filter(pk=page_id).first()
        if page is None:
            return PageState(exists=False)
        latest = page.get_latest_revision()
        return PageState(
            exists=True,
            title=page.title,
            parent_id=page.get_parent().pk,
            live=page.live,
            revisions=page.revisions.count(),
            latest_title=latest.content["title"] if latest else page.title,
        )


def _client(network, role):
    user = network.users[USERS[role]] if role in USERS else None
    return client_for(network, "district_a", user)


def _bulk_url(action: str, page_id: int) -> str:
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
    return f"{url}?id={page_id}&next=/admin/pages/"


def edit_form(is_document: bool, title: str) -> dict:
    """The edit form as the admin posts it, saving a draft with a changed title."""
    if not is_document:
        return article_form(f"{title} (sửa)", "action-save")
    return {
        "title": f"{title} (sửa)",
        "slug": "van-ban-15-tb-hu",
        "number": "15/TB-HU",
        "doc_type": "thong-bao",
        "issuer": "Huyện ủy Núi Đỏ",
        "issued": "2025-07-22",
        "abstract": "Trích yếu của văn bản 15/TB-HU",
        "confidentiality": Confidentiality.ORDINARY,
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }


def perform(client, action: str, page_id: int, scene: Scene, title: str):
    """Do the action as a person would; return the responses (the last one is the act)."""
    edit_url = reverse("wagtailadmin_pages:edit", args=[page_id])
    if action == "edit":
        return [client.post(edit_url, edit_form(page_id == scene.pages["document"], title))]
    if action == "view_draft":
        return [client.get(reverse("wagtailadmin_pages:view_draft", args=[page_id]))]
    if action == "history":
        return [
            client.get(reverse("wagtailadmin_pages:history", args=[page_id])),
            client.get(
                reverse(
                    "wagtailadmin_pages:revisions_view",
                    args=[page_id, scene.latest_revisions[page_id]],
                )
            ),
            client.get(f"/admin/pages/{page_id}/revisions/compare/earliest...latest/"),
            client.get(reverse("wagtailadmin_pages:workflow_history", args=[page_id])),
        ]
    if action == "delete":
        return [client.post(reverse("wagtailadmin_pages:delete", args=[page_id]))]
    if action == "publish":
        return [client.post(_bulk_url("publish", page_id), {"include_descendants": ""})]
    if action == "unpublish":
        return [client.post(reverse("wagtailadmin_pages:unpublish", args=[page_id]))]
    if action == "move":
        url = reverse("wagtailadmin_pages:move_confirm", args=[page_id, scene.destination_id])
        return [client.post(url)]
    if action == "bulk_delete":
        return [client.post(_bulk_url("delete", page_id))]
    if action == "admin_api":
        return [client.get(f"/admin/api/main/pages/{page_id}/")]
    if action == "report":
        return [client.get("/admin/reports/site-history/results/?object_type=")]
    raise AssertionError(action)


def assert_worked(action, responses, before: PageState, after: PageState, scene, title):
    response = responses[-1]
    if action == "edit":
        assert response.status_code == 302, response.status_code
        assert after.revisions == before.revisions + 1
        assert after.latest_title == f"{title} (sửa)"
        assert after.live == before.live
    elif action in ("view_draft", "history", "admin_api"):
        for each in responses:
            assert each.status_code == 200, (each.request["PATH_INFO"], each.status_code)
        if action == "admin_api":
            assert response.json()["title"] == title
    elif action == "report":
        assert response.status_code == 200
        assert title in response.content.decode()
    elif action in ("delete", "bulk_delete"):
        assert response.status_code == 302
        assert not after.exists
    elif action == "publish":
        assert response.status_code == 302
        assert after.live
    elif action == "unpublish":
        assert response.status_code == 302
        assert not after.live and after.exists
    elif action == "move":
        assert response.status_code == 302
        assert after.parent_id == scene.destination_id


def assert_refused(role, action, responses, before: PageState, after: PageState, title):
    for response in responses:
        path = response.request["PATH_INFO"]
        if role == "anonymous":
            assert response.status_code == 302, (path, response.status_code)
            query = response.request.get("QUERY_STRING")
            full = f"{path}?{query}" if query else path
            assert response["Location"] == f"/admin/login/?next={quote(full, safe='/')}"
        elif role == "other_unit_editor":
            assert response.status_code == 403, (path, response.status_code)
            assert "Không có quyền truy cập" in response.content.decode()
        elif action == "admin_api":
            assert response.status_code == 404, (path, response.status_code)
        elif action == "report":
            assert response.status_code == 200
            assert title not in response.content.decode()
        else:
            # Wagtail's admin answers a refusal with its dashboard and an error message.
            assert response.status_code == 302, (path, response.status_code)
            assert response["Location"] == "/admin/", path
    assert after == before


@pytest.mark.parametrize(("role", "page", "action", "is_allowed"), TABLE)
def test_role_table(network, scene, role, page, action, is_allowed):
    page_id = scene.pages[page]
    before = state_of(network, page_id)
    responses = perform(_client(network, role), action, page_id, scene, before.title)
    after = state_of(network, page_id)
    if is_allowed:
        assert_worked(action, responses, before, after, scene, before.title)
    else:
        assert_refused(role, action, responses, before, after, before.title)


def test_the_table_in_the_docs_is_this_one():
    """docs/roles.md spells the same contributor rules as the table above."""
    from pathlib import Path

    doc = (Path(__file__).parents[2] / "docs" / "roles.md").read_text()
    for page, actions in CONTRIBUTOR.items():
        row = next(
            line for line in doc.splitlines() if line.startswith(f"| contributor | {page} |")
        )
        cells = [cell.strip() for cell in row.strip("|").split("|")][2:]
        expected = [
            "có" if a in actions else ("—" if a not in APPLIES[page] else "không") for a in ACTIONS
        ]
        assert cells == expected, page
