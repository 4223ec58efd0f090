"""Template tags of the portal's page types: section tabs, related articles, view counts."""

from __future__ import annotations

from django import template

from portal.analytics import figures

from ..models import ArticlePage, SectionPage
from ..view_restrictions import at_or_below_a_view_restriction

register = template.Library()

RELATED = 5


@register.simple_tag
def section_tabs(section):
    """(the section whose sub-sections are the tabs, its live public sub-sections):
    the section's own, else its parent's when it is a sub-section, else (None, [])."""
    children = list(section.get_children().live().public().type(SectionPage))
    if children:
        return section, children
    parent = section.get_parent().specific_deferred
    if isinstance(parent, SectionPage):
        return parent, list(parent.get_children().live().public().type(SectionPage))
    return None, []


@register.simple_tag
def related_articles(article, limit=RELATED):
    """The newest other live public articles of the article's section (titles and dates: the
    list shows no image)."""
    return list(
        ArticlePage.objects.live()
        .exclude(at_or_below_a_view_restriction())  # as .public(), without a query of its own
        .sibling_of(article, inclusive=False)
        .order_by("-date", "-pk")[:limit]
    )


@register.simple_tag(takes_context=True)
def page_views(context, page):
    """The page's views counted so far (flushed to the database)."""
    return figures.page_total(context["request"].tenant, page.pk)
