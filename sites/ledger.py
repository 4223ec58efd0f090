"""How the portal's articles, albums and documents appear in the network ledger."""

from __future__ import annotations

import logging

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from portal.publications import registry
from portal.publications.entries import Attachment, LedgerEntry, page_entry, section_fields
from portal.publications.text import stream_text

from .intake.display import signature_fields
from .models import AlbumPage, ArticlePage, DocumentIndexPage, DocumentPage, SectionPage
from .models.sections import section_of

logger = logging.getLogger(__name__)

# The thumbnail aggregated blocks and search results show (as the gallery's).
IMAGE_SPEC = "fill-400x300"


def article_entry(page: ArticlePage) -> LedgerEntry:
    """Title, lead, body text, featured image and nearest section of an article."""
    return page_entry(
        page,
        summary=page.lead,
        body_text=stream_text(page.body),
        image_url=_image_url(page.featured_image, page),
        author=page.author,
        image_count=article_image_count(page),
        video_count=sum(1 for block in page.body if block.block_type == "video"),
        **section_fields(section_of(page)),
    )


def album_entry(page: AlbumPage) -> LedgerEntry:
    """An album as news: its lead, the photos' captions as text, the first photo as image."""
    photos = list(page.photos.select_related("image"))
    return page_entry(
        page,
        summary=page.lead,
        body_text="\n".join(filter(None, (f"{p.caption} {p.source}".strip() for p in photos))),
        image_url=_image_url(photos[0].image if photos else None, page),
        author=page.photographer,
        image_count=len(photos),
        **section_fields(page.section()),
    )


def article_image_count(page: ArticlePage) -> int:
    """The featured image, single images and every image of the galleries."""
    count = 1 if page.featured_image_id else 0
    for block in page.body:
        if block.block_type == "image":
            count += 1
        elif block.block_type == "gallery":
            count += len(block.value["images"])
    return count


def document_entry(page: DocumentPage) -> LedgerEntry | None:
    """Metadata, abstract and files of an ordinary document; None for a classified one.

    Saving a classified document live already raises; refusing it here too
    keeps it out of the network even if that guard is ever bypassed.
    """
    if page.is_classified:
        logger.warning(
            "Classified document %s (page %s) kept out of the ledger.", page.number, page.pk
        )
        return None
    attachments = tuple(
        Attachment(item.display_title(), item.document.filename, item.document.url)
        for item in page.attachments.select_related("document")
    )
    section = Page.objects.ancestor_of(page).type(DocumentIndexPage, SectionPage).order_by("-depth")
    return page_entry(
        page,
        summary=page.abstract,
        body_text="\n".join(f"{a.title}\n{a.filename}" for a in attachments),
        doc_number=page.number,
        doc_type=page.doc_type_name,
        issuer=page.issuer,
        signer=page.signer,
        issued=page.issued,
        effective=page.effective,
        field=page.field,
        attachments=attachments,
        **signature_fields(page),
        **section_fields(section.first()),
    )


def _image_url(image, page: Page) -> str:
    if image is None:
        return ""
    try:
        return image.get_rendition(IMAGE_SPEC).url
    except OSError:  # the file is missing or unreadable: publish without an image
        logger.warning("No rendition of the image of page %s.", page.pk)
        return ""


def register_page_types() -> None:
    """Publish articles, albums and documents to the ledger; called from SitesConfig.ready()."""
    registry.register(ArticlePage, "article", _("Tin bài"), article_entry)
    registry.register(AlbumPage, "album", _("Thư viện ảnh"), album_entry)
    registry.register(DocumentPage, "document", _("Văn bản"), document_entry)
