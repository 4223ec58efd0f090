"""The isolation suite: every admin and API URL, as each role of a foreign unit, anonymously,
and as the unit's own contributor and editor.

Every URL of the URLconf (tests/security/url_walk.py) is filled by meaning with
real objects of unit A (district A, every plugin on: a draft article, an image,
a document, a media item, a redirect, a feedback question, each titled with a
secret marker, which is also inside the files' bytes) and requested on A's host
by B's site administrator, editor and contributor, and by an anonymous visitor.
Admin URLs must refuse (403, 404, 405, or a redirect to the sign-in page);
public URLs must be listed below with their reason; the file routes must answer
the 404 of a missing file (no page uses these files); no answer may contain the
marker or be a server error. A's own contributor and editor walk it too: no
server error, their unit's files answered with the marker, and no 404 on an
admin URL unless listed in OWN_404 with its reason (a 404 there would mean the
URL was never really tested). A's own site administrator seeing the marker is
the control that proves the check can fail.
"""

from __future__ import annotations

import datetime
import io
import uuid
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django_tenants.utils import schema_context
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Task, Workflow
from wagtail.snippets.models import get_snippet_models
from wagtailmedia.models import Media

from plugins.work_schedule.models import Leader, ScheduleItem
from portal.extensions import activation
from portal.extensions import registry as extension_registry
from portal.feedback.models import Feedback
from sites.models import ArticlePage
from tests.conftest import client_for
from tests.plugins.consultation.helpers import add_consultation
from tests.security import url_walk
from tests.sites import factories
from tests.sites.factories import news_section

pytestmark = pytest.mark.django_db

# Outside /admin/: what each public URL is for. A new URL fails the suite until listed here.
PUBLIC = {
    "wagtaildocs_authenticate_with_password": "the password form of a restricted document",
    "set_language": "the visitor's language choice",
    "portal_feedback:form": "citizens send questions",
    "portal_feedback:lookup": "a citizen looks up their question by its code",
    "portal_feedback:track": "a citizen's own question, by its secret code",
    "portal_feedback:answers": "published answers",
    "sitemap": "the unit's published pages",
    "robots_txt": "crawler rules",
    "syndication_feed": "feed of published articles",
    "syndication_network_feed": "feed of the network's published articles",
    "syndication_section_feed": "feed of a section's published articles",
    "syndication_kind_feed": "feed of published items of a kind",
    "syndication_appearance": "a published article syndicated into this portal",
    "search": "search of published content",
    "search_api": "the JSON API of published content (rate limited)",
    "search_suggest": "suggestions as you type, from published titles and numbers",
    "intake_api:push_document": "e-office systems push documents with a token of this unit",
    "intake_api:published_documents": "e-office systems list what this unit published (token)",
    "intake_api:openapi-json": "the intake API's description (no data)",
    "intake_api:api-root": "the intake API's root (no data)",
    "wagtailcore_authenticate_with_password": "the password form of a restricted page",
    "wagtailcore_login": "the sign-in form of pages restricted to signed-in visitors",
    "wagtail_serve": "published pages (drafts answer 404)",
}
# Files: served only where a live page uses them (sites.file_access); these are unused.
FILE_ROUTES = {
    "wagtaildocs_serve": "a document, by id and file name",
    "sites.file_views.unit_media": "any stored file of the unit, by its stored name",
}
# Under /admin/ but reachable before signing in: signing in and resetting a password.
ADMIN_OPEN = {
    "wagtailadmin_login": "the sign-in form",
    "wagtailadmin_logout": "signing out",
    "wagtailadmin_password_reset": "asking for a reset e-mail",
    "wagtailadmin_password_reset_done": "the page after asking",
    "wagtailadmin_password_reset_confirm": "the link of the e-mail (a bad token is refused)",
    "wagtailadmin_password_reset_complete": "the page after resetting",
    "wagtailadmin_sprite": "Wagtail's icons, the same for everyone",
    "wagtailadmin_javascript_catalog": "the admin's JavaScript translations, the same for everyone",
}
# The parameter is itself the secret that grants access: whoever holds it may see the data.
SECRET_IN_URL = {
    "portal_feedback:track": "the tracking code is the citizen's key to their question"
}
# Admin URLs that answer 404 even to the unit's own people, and why (not a filling mistake).
# Each is a debt: the fixture lacks the object the URL is about (to be filled by meaning).
OWN_404 = {
    "wagtail.admin.views.home.default": "the admin's catch-all for unknown addresses",
    "wagtailadmin_api:pages:find": "needs a query (html_path) the walk does not send",
    # docs/roles.md: a contributor sees only live pages and their own in the admin API,
    # and the walked page is somebody else's draft (tests/security/test_roles_table.py).
    "wagtailadmin_api:pages:detail": "another's draft, hidden from a contributor",
    "wagtailadmin_api:documents:find": "needs a query the walk does not send",
    "wagtailadmin_api:images:find": "needs a query the walk does not send",
    "wagtailadmin_block_preview": "needs a block in the query",
    "wagtail_bulk_action": "needs ids in the query",
    "wagtailadmin_collections:delete": "the root collection cannot be deleted",
    "dummy_notes:delete": "the dummy plugin's note: the fixture has none",
    "dummy_notes:history": "the dummy plugin's note: the fixture has none",
    "dummy_notes:history_results": "the dummy plugin's note: the fixture has none",
    "dummy_notes:usage": "the dummy plugin's note: the fixture has none",
    "wagtailimages:url_generator": "dynamic image URLs are off (no serve view)",
    "wagtailimages:url_generator_output": "dynamic image URLs are off (no serve view)",
    "syndication_admin:proposal_decide": "a proposal from below: the fixture has none",
    "syndication_admin:subscription_edit": "a subscription: the fixture has none",
    "wagtailadmin_pages:convert_alias": "the draft is not an alias",
    "wagtailadmin_pages:workflow_history_detail": "no workflow state: the draft was not submitted",
    "wagtailadmin_pages:workflow_action": "no workflow state: the draft was not submitted",
    "wagtailadmin_pages:collect_workflow_action_data": "no workflow state: the draft not submitted",
    "wagtailsettings:edit": "filled with wagtailcore.page, which is not a setting",
    "wagtailsettings:preview_on_edit": "filled with wagtailcore.page, which is not a setting",
    "wagtailsnippetchoosers_portal_theme_slogan:chosen": "a slogan: the fixture has none",
    "wagtailsnippets_portal_theme_slogan:copy": "a slogan: the fixture has none",
    "wagtailsnippets_portal_theme_slogan:delete": "a slogan: the fixture has none",
    "wagtailsnippets_portal_theme_slogan:edit": "a slogan: the fixture has none",
    "wagtailsnippets_portal_theme_slogan:history": "a slogan: the fixture has none",
    "wagtailsnippets_portal_theme_slogan:history_results": "a slogan: the fixture has none",
    "wagtailsnippets_portal_theme_slogan:usage": "a slogan: the fixture has none",
    "wagtailadmin_tag_model_autocomplete": "pages have no tags (articles do)",
    "wagtailusers_users:delete": "accounts are never deleted from a unit's admin",
    "wagtailadmin_workflows:add_task": "wagtailcore.page is not a task type",
}
# Not walked as the unit's own people, and why.
OWN_SKIPPED = {
    "wagtailadmin_error_test": "Wagtail's deliberate server error, to test error reporting",
}
REFUSALS = {403, 404, 405}


def png(marker: str) -> bytes:
    info = PngInfo()
    info.add_text("marker", marker)
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def enable_every_plugin(network, key: str) -> None:
    unit = network.unit(key)
    for plugin in extension_registry.plugins():
        try:
            activation.change("enable", plugin, unit)
        except activation.ActivationRefused:
            pass  # meant for another level of unit (e.g. communes only)
    active = activation.active_labels(unit)
    assert {"plugin_video_briefs", "plugin_mttq", "plugin_work_schedule"} <= active


@pytest.fixture
def unit_a(network, settings, tmp_path):
    """Real objects of district A, each carrying the secret marker (in the files' bytes too)."""
    settings.MEDIA_ROOT = tmp_path
    enable_every_plugin(network, "district_a")
    marker = f"BIMAT{uuid.uuid4().hex[:12].upper()}"
    with schema_context(network.units["district_a"].schema_name):
        draft = news_section().add_child(
            instance=ArticlePage(title=f"Nháp {marker}", lead=f"Sapo {marker}", live=False)
        )
        revision = draft.save_revision()
        image = get_image_model().objects.create(
            title=f"Ảnh {marker}", file=ImageFile(io.BytesIO(png(marker)), name="anh.png")
        )
        document = get_document_model().objects.create(
            title=f"Văn bản {marker}",
            file=ContentFile(f"noi dung {marker}".encode(), name="van-ban.txt"),
        )
        media = Media.objects.create(
            title=f"Video {marker}",
            type="video",
            file=ContentFile(b"\0" * 64 + marker.encode(), name="v.mp4"),
        )
        document_page = factories.document("31-TB/HU", publish=False)
        redirect = Redirect.objects.create(old_path=f"/cu-{marker.lower()}", redirect_link="/")
        feedback = Feedback.objects.create(
            sender_name="Người gửi", subject=f"Hỏi {marker}", message=f"Nội dung {marker}"
        )
        leader = Leader.objects.create(name=f"Lãnh đạo {marker}", title="Bí thư")
        schedule_item = ScheduleItem.objects.create(
            date=datetime.date(2026, 12, 9), start=datetime.time(8), title=f"Lịch {marker}"
        )
        schedule_item.leaders.add(leader)
        schedule_item.week.note = f"Ghi chú {marker}"
        schedule_item.week.save()
        snippet = get_snippet_models()[0]._meta
        objects = {
            "page": draft.pk,
            "document_page": document_page.pk,
            "page_path": draft.url_path.split("/", 2)[2],
            "revision": revision.pk,
            "image": image.pk,
            "document": document.pk,
            "document_name": document.filename,
            "media": media.pk,
            "media_path": media.file.name,
            "redirect": redirect.pk,
            "feedback": feedback.pk,
            "code": feedback.tracking_code,
            "collection": Collection.get_first_root_node().pk,
            "workflow": Workflow.objects.order_by("pk").first().pk,
            "task": Task.objects.order_by("pk").first().pk,
            "group": Group.objects.order_by("pk").first().pk,
            "snippet": (snippet.app_label, snippet.model_name),
            "leader": leader.pk,
            "schedule_item": schedule_item.pk,
            "schedule_week": schedule_item.week_id,
        }
    # Public once published: only its comment, which is not, carries the marker.
    consultation = add_consultation(network, "district_a", slug="du-thao-co-lap")
    with schema_context(network.units["district_a"].schema_name):
        comment = consultation.comments.create(
            name="Người góp ý", text=f"Góp ý {marker}", unit_code="TN-HA", unit_name="Huyện A"
        )
    objects["user"] = network.users["district_a_editor"].pk
    objects["consultation"], objects["comment"] = consultation.pk, comment.pk
    objects["unit"] = network.units["district_a"].pk
    return marker, objects


def values_from(objects: dict):
    """`value_for(name, pattern)` for url_walk: A's real objects, chosen by name and URL."""
    by_name = {
        "page_id": objects["page"],
        "parent_page_id": objects["page"],
        "page_pk": objects["page"],
        "destination_id": objects["page"],
        "page_to_move_id": objects["page"],
        "image_id": objects["image"],
        "document_id": objects["document"],
        "doc_id": objects["document"],
        "media_id": objects["media"],
        "collection_id": objects["collection"],
        "revision_id": objects["revision"],
        "redirect_id": objects["redirect"],
        "workflow_pk": objects["workflow"],
        "task_id": objects["task"],
        "task_state_id": objects["task"],
        "workflow_state_id": objects["task"],
        "code": objects["code"],
        "feed_format": "rss",
        "media_type": "video",
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "filter_spec": "original",
        "action_name": "approve",
        "action": "delete",
        "uidb64": "MQ",
        "token": "sai-ma",
        "path": objects["media_path"],
        "content_type_app_name": "wagtailcore",
        "content_type_model_name": "page",
    }
    by_url = [  # for pk-like parameters: the object the URL is about
        ("work_schedule_items", "schedule_item"),
        ("work_schedule_weeks", "schedule_week"),
        ("work_schedule_leaders", "leader"),
        ("image", "image"),
        ("document", "document"),
        ("media", "media"),
        ("users", "user"),
        ("groups", "group"),
        ("portal_tenancy", "unit"),
        ("redirect", "redirect"),
        ("workflows/tasks", "task"),
        ("workflow", "workflow"),
        ("collection", "collection"),
        ("feedback", "feedback"),
        ("gop-y", "feedback"),
    ]

    def value_for(name, pattern):
        if name == "page_id" and pattern.startswith("admin/van-ban/"):
            return [str(objects["document_page"])]  # withdrawal: a document page
        if name == "page_id" and pattern.startswith("admin/gop-y-du-thao/"):
            return [str(objects["consultation"])]  # a consultation's queue and exports
        if pattern.startswith("admin/gop-y-du-thao/y-kien/"):
            return [str(objects["comment"])]
        if name in by_name:
            return [str(by_name[name])]
        if name in ("app_label", "app_name"):
            return [objects["snippet"][0] if "snippets" in pattern else "wagtailcore"]
        if name == "model_name":
            return [objects["snippet"][1] if "snippets" in pattern else "page"]
        if name.startswith("_"):  # unnamed groups, by position: a document's id and name
            if pattern.startswith("documents/"):
                return [[str(objects["document"]), objects["document_name"]][int(name[1:])]]
            return [objects["page_path"]]  # Wagtail's page path
        if name == "value":
            return [str(objects["page"]), "article"]
        for fragment, key in by_url:
            if fragment in pattern:
                return [str(objects[key])]
        return [str(objects["page"])]

    return value_for


def body_of(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def is_refusal(response) -> bool:
    if response.status_code in REFUSALS:
        return True
    if response.status_code == 302:
        return urlsplit(response["Location"]).path in ("/admin/login/", "/_util/login/")
    return False


def problems(client, walked, marker, methods, *, own_role: bool = False) -> list[str]:
    """What is wrong in the answers to `client`; `own_role`: a person with a role in unit A."""
    found = []
    for url in walked:
        if url.name == "wagtailadmin_logout":
            continue  # it would end the session the rest of the walk needs
        if own_role and url.name in OWN_SKIPPED:
            continue
        for method in methods:
            response = getattr(client, method)(url.path)
            text = body_of(response)
            where = f"{method.upper()} {url.path} ({url.name}) → {response.status_code}"
            shows_marker = marker in text or marker.lower() in text
            if response.status_code >= 500:
                found.append(f"{where}: server error")
            if url.name in FILE_ROUTES:
                found.extend(_file_problems(response, where, method, shows_marker, own_role))
                continue
            if own_role:
                if url.pattern.startswith("admin/") and response.status_code == 404:
                    if url.name not in OWN_404:
                        found.append(f"{where}: 404 for the unit's own people (never tested)")
                continue
            if shows_marker and url.name not in SECRET_IN_URL:
                found.append(f"{where}: shows unit A's data")
            if url.pattern.startswith("admin/"):
                if url.name not in ADMIN_OPEN and not is_refusal(response):
                    found.append(f"{where}: not refused")
            elif url.name not in PUBLIC:
                found.append(f"{where}: new public URL; refuse it or list it in PUBLIC")
    return found


def _file_problems(response, where, method, shows_marker, own_role) -> list[str]:
    if method != "get":
        return [] if response.status_code == 405 else [f"{where}: a file route took a {method}"]
    if own_role:
        if response.status_code != 200 or not shows_marker:
            return [f"{where}: the unit's own file is not served to its own people"]
        return []
    if response.status_code != 404 or shows_marker:
        return [f"{where}: a file no page uses is not the 404 of a missing file"]
    return []


@pytest.fixture
def walked(unit_a):
    _marker, objects = unit_a
    urls = url_walk.walk(values_from(objects))
    unfilled = [url.pattern for url in urls if url.path is None]
    assert not unfilled, f"No value of unit A fits these URLs: {unfilled}"
    assert len(urls) > 200  # Wagtail's admin alone has more
    return urls


@pytest.mark.parametrize("role", ["admin", "editor", "contributor"])
def test_a_foreign_units_roles_are_refused_everywhere(network, unit_a, walked, role):
    marker, _objects = unit_a
    client = client_for(network, "district_a", network.users[f"district_b_{role}"])
    methods = ("get", "post") if role == "admin" else ("get",)
    found = problems(client, walked, marker, methods)
    assert not found, "\n".join(found)


def test_anonymous_visitors_are_refused_everywhere(network, unit_a, walked):
    marker, _objects = unit_a
    found = problems(client_for(network, "district_a"), walked, marker, ("get", "post"))
    assert not found, "\n".join(found)


@pytest.mark.parametrize("role", ["contributor", "editor"])
def test_the_units_own_people_reach_every_url_and_their_files(network, unit_a, walked, role):
    marker, _objects = unit_a
    client = client_for(network, "district_a", network.users[f"district_a_{role}"])
    client.raise_request_exception = False  # every server error listed, not the first raised
    found = problems(client, walked, marker, ("get",), own_role=True)
    assert not found, "\n".join(found)


def test_the_units_own_administrator_sees_the_marker(network, unit_a, walked):
    """The control: the same walk finds A's data when the visitor may see it."""
    marker, objects = unit_a
    client = client_for(network, "district_a", network.users["district_a_admin"])
    edit = next(url for url in walked if url.name == "wagtailadmin_pages:edit")
    assert marker in body_of(client.get(edit.path))
    found = problems(client, [edit], marker, ("get",))
    assert any("shows unit A's data" in line for line in found)
