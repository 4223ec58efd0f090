"""Build content inside a unit's schema for tests (call within schema_context)."""

from __future__ import annotations

import datetime

from wagtail.models import Site
from wagtail.rich_text import RichText

from sites.models import ArticlePage, DocumentIndexPage, DocumentPage, SectionPage


def home():
    return Site.objects.get(is_default_site=True).root_page.specific


def news_section():
    return SectionPage.objects.get(slug="tin-tuc-su-kien")


def registry():
    return DocumentIndexPage.objects.get(slug="van-ban")


def publish_article(title: str, *, parent=None, **fields) -> ArticlePage:
    parent = parent or news_section()
    fields.setdefault("lead", f"Sapo của {title}")
    fields.setdefault("body", [("paragraph", RichText(f"<p>Nội dung {title}</p>"))])
    article = parent.add_child(instance=ArticlePage(title=title, **fields))
    article.save_revision().publish()
    return article


def document(number: str, *, publish: bool = True, **fields) -> DocumentPage:
    fields.setdefault("doc_type", "thong-bao")
    fields.setdefault("issuer", "Huyện ủy Núi Đỏ")
    fields.setdefault("issued", datetime.date(2025, 7, 22))
    fields.setdefault("abstract", f"Trích yếu của văn bản {number}")
    page = DocumentPage(title=f"Văn bản {number}", number=number, live=False, **fields)
    page.full_clean(exclude=["path", "depth", "slug"])
    page = registry().add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page
