"""What the home page shows, gathered with a fixed, small number of queries."""

from __future__ import annotations

from .models.articles import ArticlePage
from .models.documents import DocumentPage


def home_context(home, request) -> dict:
    from .models.sections import SectionPage  # imported here: sections imports this module's siblings

    articles = (
        ArticlePage.objects.live()
        .public()
        .descendant_of(home)
        .select_related("featured_image")
        .prefetch_related("featured_image__renditions")
    )
    featured = list(articles.filter(featured=True).order_by("-date", "-pk")[:5])
    latest = list(articles.order_by("-date", "-pk")[:10])
    per_section = []
    for section in home.get_children().live().public().in_menu().type(SectionPage):
        items = list(articles.descendant_of(section).order_by("-date", "-pk")[:5])
        if items:
            per_section.append((section, items))
    return {
        "featured_articles": featured,
        "latest_articles": latest,
        "sections_with_articles": per_section,
        "latest_documents": list(
            DocumentPage.objects.live().public().descendant_of(home).order_by("-issued", "-pk")[:6]
        ),
    }
