"""Wagtail's admin in Vietnamese: the project's own catalog (platform/portal/locale_wagtail).

Wagtail 8's Vietnamese catalogs translate a small part of the admin, and Django's leaves some
of its own strings (time since, validation) in English; ours covers what an editor sees. The
pages editors and administrators use are rendered in two units and their visible text is
compared with the English msgids: none may show as a whole text, and the Vietnamese of the
strings each page is known for must be there. Every string checked by name is one that
Wagtail and Django alone leave in English (or say otherwise), so these tests fail without
our catalog.
"""

from __future__ import annotations

import gettext as gettext_module
import json
import re
import subprocess
from pathlib import Path

import django
import pytest
import wagtail
import wagtail_modeladmin
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, ngettext
from django_tenants.utils import schema_context

from tests.conftest import client_for
from tests.test_translations import read_po

CATALOG_DIR = Path(settings.LOCALE_PATHS[1]) / "vi" / "LC_MESSAGES"
DJANGO_PO, DJANGOJS_PO = CATALOG_DIR / "django.po", CATALOG_DIR / "djangojs.po"
# What `msgfmt --statistics` counted when the catalogs were written; coverage may only grow.
MIN_MESSAGES = {DJANGO_PO: 1730, DJANGOJS_PO: 85}

PACKAGES = [Path(p.__file__).parent for p in (wagtail, wagtail_modeladmin, django)]
PLACEHOLDER = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|\{[A-Za-z_]\w*\}")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def live_entries(path: Path):
    return [e for e in read_po(path) if not e.obsolete and e.msgid]


def upstream_catalogs(language: str, domain: str = "django") -> list[Path]:
    """Wagtail's, wagtail-modeladmin's and Django's own catalogs."""
    return sorted(
        po
        for package in PACKAGES
        for po in package.rglob(f"locale/{language}/LC_MESSAGES/{domain}.po")
    )


@pytest.fixture(scope="module")
def ours() -> dict[str, str]:
    """Our translations: msgid -> Vietnamese (the singular slot for plural entries)."""
    return {e.msgid: e.msgstr[0] for e in live_entries(DJANGO_PO)}


@pytest.fixture(scope="module")
def upstream_vietnamese() -> dict[str, str]:
    """What Wagtail's and Django's own Vietnamese catalogs say, without ours."""
    said = {}
    for po in upstream_catalogs("vi"):
        said.update({e.msgid: e.msgstr.get(0, "") for e in live_entries(po) if e.msgstr.get(0)})
    return said


# --- The catalog ------------------------------------------------------------------------------


@pytest.mark.parametrize("po", [DJANGO_PO, DJANGOJS_PO], ids=lambda p: p.name)
def test_catalog_compiles_cleanly_and_covers_the_admin(po):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    counted = re.fullmatch(r"(\d+) translated messages?\.\n", result.stderr)
    assert counted, f"fuzzy or untranslated entries: {result.stderr}"
    assert int(counted.group(1)) >= MIN_MESSAGES[po]


@pytest.mark.parametrize("po", [DJANGO_PO, DJANGOJS_PO], ids=lambda p: p.name)
def test_catalog_is_vietnamese_with_one_plural_form_and_compiled(po):
    header = next(e for e in read_po(po) if e.msgid == "").msgstr[0]
    assert "Language: vi\n" in header and "Plural-Forms: nplurals=1; plural=0;\n" in header
    with po.with_suffix(".mo").open("rb") as mo:
        compiled = gettext_module.GNUTranslations(mo)
    stale = []
    for entry in live_entries(po):
        if entry.msgid_plural is not None:
            got = compiled.ngettext(entry.msgid, entry.msgid_plural, 1)
        elif entry.msgctxt is not None:
            got = compiled.pgettext(entry.msgctxt, entry.msgid)
        else:
            got = compiled.gettext(entry.msgid)
        if got != entry.msgstr[0]:
            stale.append(entry.msgid)
    assert not stale, f"run compilemessages; stale: {stale[:5]}"


@pytest.mark.parametrize(
    ("po", "domain"), [(DJANGO_PO, "django"), (DJANGOJS_PO, "djangojs")], ids=["django", "js"]
)
def test_every_msgid_is_upstreams_own_verbatim(po, domain):
    """A msgid that drifted from Wagtail's or Django's (a typo, a space) would never be used."""
    upstream = {
        (e.msgctxt, e.msgid, e.msgid_plural)
        for source in upstream_catalogs("en", domain)
        for e in live_entries(source)
    }
    ours = [(e.msgctxt, e.msgid, e.msgid_plural) for e in live_entries(po)]
    foreign = [key for key in ours if key not in upstream]
    assert not foreign, foreign[:10]


def test_translations_keep_placeholders_and_markup():
    broken = []
    for po in (DJANGO_PO, DJANGOJS_PO):
        for entry in live_entries(po):
            source = entry.msgid_plural or entry.msgid  # one form in Vietnamese: the plural's
            text = entry.msgstr[0]
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
                broken.append(f"placeholders: {entry.msgid!r}")
            if sorted(TAG.findall(text)) != sorted(TAG.findall(source)):
                broken.append(f"markup: {entry.msgid!r}")
    assert not broken, broken[:10]


def test_our_catalog_wins_over_upstreams_own_vietnamese(ours, upstream_vietnamese):
    differing = [m for m in ours if m in upstream_vietnamese and upstream_vietnamese[m] != ours[m]]
    assert differing, "nothing to prove: Wagtail's vi agrees with ours everywhere"
    with translation.override("vi"):
        assert [m for m in differing if gettext(m) != ours[m]] == []
        assert gettext("Save draft") == "Lưu nháp"
        assert ngettext("Delete 1 page", "Delete %(counter)s pages", 3) % {"counter": 3} == (
            "Xóa 3 trang"
        )
    with translation.override("en"):
        assert gettext("Save draft") == "Save draft"


def test_vietnamese_comes_mostly_from_our_catalog(ours, upstream_vietnamese):
    """Wagtail and Django alone translate a fraction of what ours does."""
    assert len(ours) > 5 * len(set(upstream_vietnamese) & set(ours))


# --- The admin pages, rendered ----------------------------------------------------------------

# Wagtail 8.0.1 writes this aria-label into its header template untranslated
# (wagtailadmin/shared/headers/_actions.html): no catalog can reach it.
UNTRANSLATABLE = {("aria-label", "Actions")}
# Hidden counters Wagtail fills in with JavaScript (until then they hold a Python "None").
SCRIPT_FILLED = "[data-side-panel-toggle-counter]"
ENGLISH_TIME = re.compile(r"\b\d+\s(?:minute|hour|day|week|month|year)s?\b")


def visible_texts(html: str) -> list[str]:
    """Every text an editor reads: text nodes, placeholders, labels read aloud, tooltips, and
    the sidebar menu (rendered in the browser from a JSON script)."""
    soup = BeautifulSoup(html, "html.parser")
    texts = []
    for script in soup.find_all("script"):
        if script.get("id") == "wagtail-sidebar-props":
            texts.extend(sidebar_labels(json.loads(script.string)))
        script.decompose()
    for element in soup.find_all("style") + soup.select(SCRIPT_FILLED):
        element.decompose()
    texts.extend(soup.find_all(string=True))
    for tag in soup.find_all(True):
        for name in ("placeholder", "aria-label", "title"):
            if tag.get(name) and (name, tag[name]) not in UNTRANSLATABLE:
                texts.append(tag[name])
    return [" ".join(str(text).split()) for text in texts if str(text).strip()]


def sidebar_labels(props) -> list[str]:
    if isinstance(props, dict):
        label = [props["label"]] if isinstance(props.get("label"), str) else []
        return label + [text for value in props.values() for text in sidebar_labels(value)]
    if isinstance(props, list):
        return [text for value in props for text in sidebar_labels(value)]
    return []


def english_left(texts: list[str], ours: dict[str, str]) -> list[str]:
    """Texts that are exactly an English msgid we translate, or an English time span."""
    return sorted({t for t in texts if (t in ours and ours[t] != t) or ENGLISH_TIME.search(t)})


def home_page_id(network, unit_key: str) -> int:
    from wagtail.models import Page

    with schema_context(network.units[unit_key].schema_name):
        return Page.objects.get(depth=2).pk


UNITS = ["district_a", "district_b"]
# name: (path, with {home} for the unit's home page; msgids the page shows).
EDITOR_PAGES = {
    "dashboard": ("/admin/", [
        "Site summary", "Reports", "Locked pages", "Aging pages", "Editor Guide", "Log out",
    ]),
    "explorer": ("/admin/pages/{home}/", [
        "Add child page", "Sort menu order", "Date updated", "Has child pages", "Bulk actions",
    ]),
    "edit": ("/admin/pages/{home}/edit/", [
        "Promote", "Content", "Content metrics", "Reading time", "Unlocked",
        "No publishing schedule set", "Set schedule",
    ]),
    "choose type": ("/admin/pages/{home}/add_subpage/", [
        "Choose which type of page you'd like to create.", "Create a page in",
    ]),
    "create": ("/admin/pages/add/portal_sites/standardpage/{home}/", [
        "Promote", "For search engines", "Not visible to the public", "Once live anyone can view",
    ]),
    "search": ("/admin/pages/search/?q=khongcotrangnao", ["Other searches", "Page types"]),
    "images": ("/admin/images/", [
        "Add an image", "Sort by", "Oldest", "Add to collection", "Bulk actions",
    ]),
    "image upload": ("/admin/images/multiple/add/", [
        "Drag and drop images into this area to upload immediately.",
        "Or choose from your computer", "Sorry, upload failed.",
    ]),
    "documents": ("/admin/documents/", ["Documents", "Add a document", "Usage count"]),
    "document upload": ("/admin/documents/multiple/add/", [
        "Add multiple documents", "Drag and drop documents into this area to upload immediately.",
    ]),
    "account": ("/admin/account/", [
        "Name and Email", "Profile picture", "Use server time zone", "Theme preferences",
        "Upload a profile picture:",
    ]),
    "workflow report": ("/admin/reports/workflow/", [
        "Awaiting my review", "By task", "Download CSV",
        "No pages/snippets have been submitted for moderation yet",
    ]),
    "locked pages": ("/admin/reports/locked/", ["Locked by", "No locked pages found."]),
}  # fmt: skip
SITE_ADMIN_PAGES = {
    "users": ("/admin/users/", ["Username", "Access level", "Last login", "Assign role"]),
    "site history": ("/admin/reports/site-history/", ["Site history", "Date / Time"]),
    "redirects": ("/admin/redirects/", ["Redirects", "Add redirect"]),
}
NETWORK_ADMIN_PAGES = {
    "workflows": ("/admin/workflows/list/", ["Add a workflow", "Used by"]),
    "tasks": ("/admin/workflows/tasks/index/", ["Workflow tasks"]),
    "collections": ("/admin/collections/", ["Add a collection"]),
    "groups": ("/admin/groups/", ["Add a group"]),
}


def check_page(client, path: str, msgids: list[str], ours, upstream_vietnamese) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    texts = visible_texts(response.content.decode())
    problems = [f"{path}: English {text!r}" for text in english_left(texts, ours)]
    for msgid in msgids:
        # Only strings upstream leaves English (or says otherwise) prove our catalog works.
        if upstream_vietnamese.get(msgid) == ours[msgid]:
            problems.append(f"{path}: proves nothing, upstream already says {msgid!r}")
        elif not any(ours[msgid] in text for text in texts):
            problems.append(f"{path}: {ours[msgid]!r} ({msgid!r}) not shown")
    return problems


def check_pages(client, pages, ours, upstream_vietnamese, **fields) -> list[str]:
    problems = []
    for path, msgids in pages.values():
        problems += check_page(client, path.format(**fields), msgids, ours, upstream_vietnamese)
    return problems


@pytest.mark.django_db
@pytest.mark.parametrize("unit_key", UNITS)
def test_editor_pages_are_vietnamese(network, unit_key, ours, upstream_vietnamese):
    client = client_for(network, unit_key, network.users[f"{unit_key}_editor"])
    home = home_page_id(network, unit_key)
    problems = check_pages(client, EDITOR_PAGES, ours, upstream_vietnamese, home=home)
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("unit_key", UNITS)
def test_site_admin_pages_are_vietnamese(network, unit_key, ours, upstream_vietnamese):
    client = client_for(network, unit_key, network.users[f"{unit_key}_admin"])
    problems = check_pages(client, SITE_ADMIN_PAGES, ours, upstream_vietnamese)
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("unit_key", UNITS)
def test_network_admin_pages_are_vietnamese(network, unit_key, ours, upstream_vietnamese):
    client = client_for(network, unit_key, network.users["network_admin"])
    problems = check_pages(client, NETWORK_ADMIN_PAGES, ours, upstream_vietnamese)
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_each_unit_shows_its_own_pages_in_vietnamese(network, ours):
    """Same catalog, separate content: each editor's explorer lists their own unit only, and
    the other unit's admin refuses them."""
    for unit_key, other in (("district_a", "district_b"), ("district_b", "district_a")):
        editor = network.users[f"{unit_key}_editor"]
        html = (
            client_for(network, unit_key, editor)
            .get(f"/admin/pages/{home_page_id(network, unit_key)}/")
            .content.decode()
        )
        assert network.units[unit_key].name in html
        assert network.units[other].name not in html
        assert ours["Add child page"] in html and ">Add child page<" not in html
        refused = client_for(network, other, editor).get("/admin/pages/")
        assert refused.status_code == 403
        assert "permission" not in refused.content.decode()


@pytest.mark.django_db
def test_sign_in_page_is_vietnamese(network, ours, upstream_vietnamese):
    client = client_for(network, "district_a")
    problems = check_page(
        client, "/admin/login/", ["Forgotten password?", "Remember me"], ours, upstream_vietnamese
    )
    assert problems == []
    # Wagtail leaves the password field unlabelled; our sign-in form labels it.
    page = client.get("/admin/login/").content.decode()
    assert re.search(r"<label[^>]*>\s*Mật khẩu", page)


@pytest.mark.django_db
def test_javascript_catalog_serves_our_vietnamese(network):
    """The page editor's JavaScript (rich text, StreamField, comments) reads /admin/jsi18n/."""
    js = {e.msgid: e.msgstr[0] for e in live_entries(DJANGOJS_PO)}
    client = client_for(network, "district_a", network.users["district_a_editor"])
    body = client.get("/admin/jsi18n/").content.decode()
    for msgid in ("Write something or type ‘/’ to insert a block", "Split block", "Duplicate"):
        assert json.dumps(js[msgid]) in body, msgid
