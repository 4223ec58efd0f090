"""A file is served only where its page may be seen: the HTTP attack matrix.

Each kind of file (document by its Wagtail address and by /media/, image
original and rendition, video, caption) × each state of the page using it
(live, draft, classified and refused, unused, behind a view restriction) ×
each requester (anonymous, the unit's contributor and editor, another unit's
editor, anyone on another unit's host). Each file carries a unique marker in
its bytes: a 200 must carry it, a refusal must be the very 404 of a file that
does not exist.
"""

from __future__ import annotations

import io
import re
import uuid
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django_tenants.utils import schema_context
from PIL import Image as PILImage
from PIL.PngImagePlugin import PngInfo
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction
from wagtailmedia.models import Media

from plugins.video_briefs.models import VideoArchivePage, VideoBriefPage
from sites.models import ArticlePage, Confidentiality, DocumentAttachment
from sites.models.documents import ClassifiedDocumentRefused
from tests.conftest import client_for
from tests.extensions.helpers import enable
from tests.sites.factories import document, news_section
from tests.theme.helpers import theme_settings

pytestmark = pytest.mark.django_db

UNIT, OTHER = "district_a", "district_b"
REQUESTERS = ("anonymous", "contributor", "editor", "other_editor", "other_host")
MEMBERS = ("contributor", "editor")
STATES = ("live", "draft", "classified", "unused", "restricted")
KINDS = ("document", "image", "video", "caption")


@pytest.fixture
def unit(network, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    enable(network, UNIT, "plugin_video_briefs")
    return network


def clients(network) -> dict:
    users = network.users
    return {
        "anonymous": client_for(network, UNIT),
        "contributor": client_for(network, UNIT, users[f"{UNIT}_contributor"]),
        "editor": client_for(network, UNIT, users[f"{UNIT}_editor"]),
        "other_editor": client_for(network, UNIT, users[f"{OTHER}_editor"]),
        "other_host": client_for(network, OTHER),
    }


def png_with(marker: bytes) -> bytes:
    info = PngInfo()
    info.add_text("marker", marker.decode())
    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 40), "red").save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def path_of(page) -> str:
    return urlsplit(page.get_url()).path


def restrict(page) -> None:
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau-xem"
    )


def publish_or_draft(parent, page, state: str):
    page.live = False
    parent.add_child(instance=page)
    revision = page.save_revision()
    if state in ("live", "restricted"):
        revision.publish()
    if state == "restricted":
        restrict(page)
    return page


def build(kind: str, state: str, marker: bytes) -> list[tuple[str, bytes | None]]:
    """The unit's content for one (kind, state); the URLs to fetch and the bytes a 200 must hold."""
    number = f"{uuid.uuid4().int % 900 + 100}-TB/HU"
    if kind == "document":
        file = get_document_model().objects.create(
            title="Tệp văn bản", file=ContentFile(b"Van ban " + marker, name="thong-bao.txt")
        )
        attachment = DocumentAttachment(document=file)
        if state == "classified":
            with pytest.raises(ClassifiedDocumentRefused):
                document(number, confidentiality=Confidentiality.SECRET, attachments=[attachment])
        elif state != "unused":
            page = document(number, publish=state in ("live", "restricted"))
            page.attachments = [attachment]
            revision = page.save_revision()
            if state != "draft":
                revision.publish()
            if state == "restricted":
                restrict(page)
        return [(file.url, marker), (default_storage.url(file.file.name), marker)]
    if kind == "image":
        image = get_image_model().objects.create(
            title="Ảnh", file=ContentFile(png_with(marker), name="anh-hoi-nghi.png")
        )
        if state in ("live", "draft", "restricted"):
            article = ArticlePage(title=f"Tin {number}", lead="Sapo", featured_image=image)
            publish_or_draft(news_section(), article, state)
        rendition = image.get_rendition("fill-20x20")
        with default_storage.open(rendition.file.name) as stored:
            rendition_bytes = stored.read()
        return [(image.file.url, marker), (rendition.url, rendition_bytes)]
    video = None
    if kind == "video":
        video = Media.objects.create(
            title="Điểm tin",
            type="video",
            file=ContentFile(b"\x00\x00\x00\x18ftypmp42" + marker, name="diem-tin.mp4"),
        )
        if state in ("unused", "classified"):
            return [(video.file.url, marker)]
    captions = f"WEBVTT\n\n00:00:00.500 --> 00:00:02.000\nLời {marker.decode()}\n"
    brief = VideoBriefPage(
        title=f"Điểm tin số {number}",
        slug=f"so-{uuid.uuid4().hex[:8]}",
        issue_number=int(number.split("-")[0]),
        month=5,
        year=2025,
        embed_url="" if video else "https://video.example.vn/diem-tin",
        video=video,
        captions="" if video else captions,
    )
    publish_or_draft(VideoArchivePage.objects.get(), brief, state)
    if video:
        return [(video.file.url, marker)]
    return [(path_of(brief) + "phu-de/", marker)]


def expected(kind: str, state: str, requester: str) -> int:
    if requester == "other_host":
        return 404  # another unit's host never has this unit's files or pages
    if kind == "caption":
        # Captions are a route of their page: Wagtail serves live pages only, and a
        # restricted page's route answers its password form (200, without the captions).
        return 404 if state == "draft" else 200
    if state == "live" or requester in MEMBERS:
        return 200
    return 404


CASES = [
    (kind, state)
    for kind in KINDS
    for state in STATES
    # Only documents have a confidentiality; captions live inside their page.
    if not (state == "classified" and kind != "document")
    and not (kind == "caption" and state == "unused")
]


def without_nonces(html: bytes) -> bytes:
    return re.sub(rb'nonce="[^"]*"', b"", html)


@pytest.mark.parametrize("kind, state", CASES)
def test_file_served_only_where_its_page_may_be_seen(unit, kind, state):
    marker = f"MARKER-{kind}-{state}-{uuid.uuid4().hex}".encode()
    with schema_context(unit.units[UNIT].schema_name):
        targets = build(kind, state, marker)
    everyone = clients(unit)
    missing = everyone["anonymous"].get("/media/documents/khong-co/khong-co.txt")
    assert missing.status_code == 404
    for url, content in targets:
        for requester in REQUESTERS:
            response = everyone[requester].get(url)
            want = expected(kind, state, requester)
            assert response.status_code == want, (url, requester, response.status_code)
            body = b"".join(response) if response.streaming else response.content
            shows_content = want == 200 and not (kind == "caption" and state == "restricted")
            if shows_content:
                assert content in body, (url, requester)
            else:
                assert marker not in body, (url, requester)
            if want == 404 and requester != "other_host":
                assert without_nonces(body) == without_nonces(missing.content), (url, requester)
            if want == 200 and kind != "caption":
                assert "sandbox" in response["Content-Security-Policy"]
                public = state == "live"
                assert response["Cache-Control"] == (
                    "public, max-age=600" if public else "private, no-store"
                ), (url, requester)


def test_unpublishing_closes_the_file_at_once_and_publishing_opens_it(unit):
    marker = f"MARKER-{uuid.uuid4().hex}".encode()
    with schema_context(unit.units[UNIT].schema_name):
        [(url, _), (media_url, _)] = build("document", "live", marker)
        page = DocumentAttachment.objects.get(document__title="Tệp văn bản").page
    anonymous = client_for(unit, UNIT)
    assert anonymous.get(url).status_code == 200
    assert anonymous.get(media_url).status_code == 200
    with schema_context(unit.units[UNIT].schema_name):
        page.unpublish()
    assert anonymous.get(url).status_code == 404
    assert anonymous.get(media_url).status_code == 404
    with schema_context(unit.units[UNIT].schema_name):
        page.save_revision().publish()
    assert marker in b"".join(anonymous.get(url))


def test_a_file_in_a_drafts_change_of_a_live_page_stays_closed(unit):
    marker = f"MARKER-{uuid.uuid4().hex}".encode()
    with schema_context(unit.units[UNIT].schema_name):
        [(original, _), _rendition] = build("image", "live", marker)
        article = ArticlePage.objects.get(featured_image__isnull=False)
        later = get_image_model().objects.create(
            title="Ảnh mới", file=ContentFile(png_with(marker + b"-2"), name="anh-moi.png")
        )
        article.featured_image = later
        article.save_revision()  # waits for approval: the live page still shows the first
        later_url = later.file.url
    anonymous = client_for(unit, UNIT)
    assert anonymous.get(original).status_code == 200
    assert anonymous.get(later_url).status_code == 404
    editor = client_for(unit, UNIT, unit.users[f"{UNIT}_editor"])
    assert editor.get(later_url).status_code == 200


def test_stored_names_cannot_be_guessed_but_downloads_keep_their_name(unit):
    with schema_context(unit.units[UNIT].schema_name):
        first = get_document_model().objects.create(
            title="A", file=ContentFile(b"a", name="374-TB-HU.txt")
        )
        second = get_document_model().objects.create(
            title="B", file=ContentFile(b"b", name="374-TB-HU.txt")
        )
    for stored in (first, second):
        folder, token, name = stored.file.name.split("/")
        assert (folder, name) == ("documents", "374-TB-HU.txt") and len(token) == 16
        assert stored.filename == "374-TB-HU.txt"
    assert first.file.name != second.file.name


@pytest.mark.parametrize(
    ("path", "status"),
    [
        # A NUL is refused before any view, with the portal's 400 page (request_hygiene).
        ("/media/documents/%00.txt", 400),
        ("/media/../../etc/passwd", 404),
        ("/documents/99999999/x.pdf", 404),
    ],
)
def test_hostile_file_addresses_are_refused(unit, path, status):
    assert client_for(unit, UNIT).get(path).status_code == status


def test_the_units_logo_is_public_once_set_in_its_settings(unit):
    marker = f"MARKER-{uuid.uuid4().hex}".encode()
    with schema_context(unit.units[UNIT].schema_name):
        logo = get_image_model().objects.create(
            title="Biểu trưng", file=ContentFile(png_with(marker), name="logo.png")
        )
    anonymous = client_for(unit, UNIT)
    assert anonymous.get(logo.file.url).status_code == 404
    with schema_context(unit.units[UNIT].schema_name):
        theme_settings(logo=logo)
    assert marker in b"".join(anonymous.get(logo.file.url))
    assert client_for(unit, OTHER).get(logo.file.url).status_code == 404
