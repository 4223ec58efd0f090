"""Helpers that write pages in a unit's schema through Wagtail's own APIs.

Call them inside `schema_context(unit.schema_name)`.
"""

from __future__ import annotations

import datetime

from wagtail.models import Page

from portal.publications.models import Publication
from sites.models import ArticlePage, DocumentIndexPage, DocumentPage, SectionPage


def portal_url(network, unit_key: str, path: str) -> str:
    """The absolute URL of `path` on a unit's portal (see conftest: https)."""
    return f"https://{network.domains[unit_key]}{path}"


def news() -> SectionPage:
    """The default "Tin tức - Sự kiện" section."""
    return SectionPage.objects.get(slug="tin-tuc-su-kien")


def registry_page() -> DocumentIndexPage:
    """The default "Văn bản" document registry."""
    return DocumentIndexPage.objects.get(slug="van-ban")


def add_article(parent: Page, title: str, slug: str, publish: bool = True, **fields) -> ArticlePage:
    """An article under `parent`, published through a revision unless `publish` is False."""
    fields.setdefault("lead", f"Sapo của {title}.")
    fields.setdefault(
        "body",
        [
            {"type": "paragraph", "value": f"<p>Nội dung <b>{title}</b>.</p><p>Đoạn hai.</p>"},
            {"type": "quote", "value": {"text": "Đoàn kết, đoàn kết.", "attribution": "Bác Hồ"}},
        ],
    )
    article = parent.add_child(instance=ArticlePage(title=title, slug=slug, live=False, **fields))
    revision = article.save_revision()
    if publish:
        revision.publish()
    return ArticlePage.objects.get(pk=article.pk)


def add_section(parent: Page, title: str, slug: str) -> SectionPage:
    section = parent.add_child(instance=SectionPage(title=title, slug=slug, live=False))
    section.save_revision().publish()
    return SectionPage.objects.get(pk=section.pk)


def add_document(number: str, **fields) -> DocumentPage:
    """A published "Báo cáo" in the default registry."""
    values = dict(
        title=f"Báo cáo số {number}",
        slug=number.lower().replace("/", "-"),
        number=number,
        doc_type="bao-cao",
        issuer="Huyện ủy Núi Đỏ",
        signer="Nguyễn Văn A",
        issued=datetime.date(2025, 3, 1),
        effective=datetime.date(2025, 3, 15),
        abstract="Báo cáo kết quả công tác quý I năm 2025.",
        field="Xây dựng Đảng",
        live=False,
    )
    values.update(fields)
    document = registry_page().add_child(instance=DocumentPage(**values))
    document.save_revision().publish()
    return DocumentPage.objects.get(pk=document.pk)


def entry(unit, page) -> Publication:
    """The ledger row of `page` in `unit`."""
    return Publication.objects.get(unit=unit, object_id=page.pk)


def entries(unit) -> list[Publication]:
    return list(Publication.objects.filter(unit=unit).order_by("pk"))
