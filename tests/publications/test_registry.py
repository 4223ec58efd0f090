"""Kinds are registered once, by page type; StreamField text is plain."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.publications import registry
from portal.publications.text import stream_text
from sites.ledger import article_entry
from sites.models import ArticlePage, DocumentPage, StandardPage


def test_sites_registers_articles_and_documents():
    assert registry.kind_for(ArticlePage).slug == "article"
    assert registry.kind_for(DocumentPage).slug == "document"
    assert registry.kind_for(StandardPage) is None


def test_registering_again_the_same_way_is_harmless():
    assert registry.register(ArticlePage, "article", "Tin bài", article_entry).slug == "article"


def test_conflicting_registrations_are_refused():
    with pytest.raises(ImproperlyConfigured):
        registry.register(ArticlePage, "news", "Tin", article_entry)
    with pytest.raises(ImproperlyConfigured):
        registry.register(StandardPage, "article", "Tin", article_entry)
    with pytest.raises(ImproperlyConfigured):
        registry.register(str, "string", "Chuỗi", article_entry)
    assert registry.kind_for(StandardPage) is None


def test_stream_text_is_the_readable_text_of_the_blocks():
    body = ArticlePage._meta.get_field("body").stream_block.to_python(
        [
            {"type": "paragraph", "value": "<h2>Tiêu đề</h2><p>Một &amp; hai&nbsp; ba</p>"},
            {"type": "video", "value": {"video": "https://youtu.be/x", "caption": "Phóng sự"}},
        ]
    )
    assert stream_text(body) == "Tiêu đề Một & hai ba\nPhóng sự"
    assert stream_text(None) == ""
