"""What the home page shows, gathered with a fixed, small number of queries.

However many sections the home page has: pages under a view restriction
are left out inside each query, the featured, the latest and every
section's latest articles come from one query (ranked with window
functions), and the renditions of every list's images from one more. Lists read only the columns
their templates show (LISTED_FIELDS) and only the renditions they use
(LIST_RENDITIONS): this runs again after every publish, for the first
visitor, and building model instances is most of its cost.

Nothing is read before the template uses it: the home page's fragments come
from the fragment cache (sites.fragment_cache) once rendered, and then none
of these queries runs. The articles' lists, the documents and the albums
are read apart: their fragments are retired by publishes of their own page
type only, so an article published reads neither documents nor albums.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import F, Prefetch, Q, Window, prefetch_related_objects
from django.db.models.functions import RowNumber, Substr
from django.utils.functional import SimpleLazyObject
from wagtail.images import get_image_model
from wagtail.models import Page

from . import unit_data
from .models.articles import ArticlePage
from .models.documents import DocumentPage
from .models.galleries import AlbumPage, AlbumPhoto
from .view_restrictions import at_or_below_a_view_restriction

FEATURED = 6
HEADLINES = 6
PER_SECTION = 5
LATEST = 10
DOCUMENTS = 6
ALBUMS = 4


# What a listed page needs for its link (pageurl: its path and place in the tree) and title.
LINKED_FIELDS = ("id", "path", "depth", "url_path", "title", "live", "locale_id", "content_type_id")
# What the home page's article lists show.
LISTED_FIELDS = (
    *LINKED_FIELDS, "date", "lead", "featured",
    "featured_image__id", "featured_image__file", "featured_image__width",
    "featured_image__height", "featured_image__focal_point_x", "featured_image__focal_point_y",
    "featured_image__focal_point_width", "featured_image__focal_point_height",
    "featured_image__collection_id", "featured_image__title", "featured_image__description",
)  # fmt: skip
# The sizes home_page.html and includes/article_list.html ask of those images.
LIST_RENDITIONS = (
    "fill-360x240", "fill-720x480", "fill-120x80", "fill-240x160", "fill-480x320",
    "fill-220x147", "fill-440x293",
)  # fmt: skip

ARTICLE_LISTS = (
    "featured_articles",
    "headline_articles",
    "sections_with_articles",
    "latest_articles",
)


def home_context(home, request) -> dict:
    """The home page's lists, each computed when the template first reads it (the
    articles' lists all together)."""
    gathered = SimpleLazyObject(lambda: _article_lists(home))
    return {
        **{name: SimpleLazyObject(lambda name=name: gathered[name]) for name in ARTICLE_LISTS},
        "latest_documents": SimpleLazyObject(lambda: _latest_documents(home)),
        "latest_albums": SimpleLazyObject(lambda: _latest_albums(home)),
    }


def _article_lists(home) -> dict:
    private = at_or_below_a_view_restriction()
    articles = (
        ArticlePage.objects.live()
        .exclude(private)
        .descendant_of(home)
        .select_related("featured_image")
        .only(*LISTED_FIELDS)
    )
    # The menu's sections change only with the unit's chrome (they are the home page's
    # children): kept until the unit's generation changes, not retired by every publish.
    sections = unit_data.cached(
        "home-sections", (home.pk,), lambda: _sections(home, private), any_page=False
    )
    featured, latest, per_section = _ranked_lists(articles, sections)
    # The renditions of every list's images in one query.
    listed = {a.pk: a for a in featured + latest + [a for _, s in per_section for a in s]}
    renditions = get_image_model().get_rendition_model().objects
    prefetch_related_objects(
        list(listed.values()),
        Prefetch(
            "featured_image__renditions",
            queryset=renditions.filter(filter_spec__in=LIST_RENDITIONS),
        ),
    )
    return {
        "featured_articles": featured,
        # The headline area: the featured stories, then the newest others.
        "headline_articles": list({a.pk: a for a in featured + latest}.values())[:HEADLINES],
        "sections_with_articles": per_section,
        "latest_articles": latest,
    }


def _latest_documents(home) -> list[DocumentPage]:
    return list(
        DocumentPage.objects.live()
        .exclude(at_or_below_a_view_restriction())
        .descendant_of(home)
        .only(*LINKED_FIELDS, "number", "issued", "abstract")
        .order_by("-issued", "-pk")[:DOCUMENTS]
    )


def _latest_albums(home) -> list[AlbumPage]:
    return list(
        AlbumPage.objects.live()
        .exclude(at_or_below_a_view_restriction())
        .descendant_of(home)
        .only(*LINKED_FIELDS, "date")
        .prefetch_related(  # every album's cover in one query
            Prefetch("photos", queryset=AlbumPhoto.objects.select_related("image"))
        )
        .order_by("-date", "-pk")[:ALBUMS]
    )


def _sections(home, private) -> list[Page]:
    from .models.sections import SectionPage  # imported here: sections imports this module

    return list(home.get_children().live().exclude(private).in_menu().type(SectionPage))


def _ranked_lists(articles, sections):
    """(featured, latest, [(section, its newest articles)]) from one query: each article is
    ranked among all, among the featured and within its section (window functions), and
    read once however many lists show it. Sections without articles are left out."""
    newest_first = [F("date").desc(), F("pk").desc()]
    # Every section here is a child of the home page: same depth, same path length.
    branch_length = sections[0].depth * Page.steplen if sections else Page.steplen
    branch = Substr("path", 1, branch_length)
    ranked = articles.annotate(
        branch=branch,
        overall_rank=Window(RowNumber(), order_by=newest_first),
        featured_rank=Window(RowNumber(), partition_by=[F("featured")], order_by=newest_first),
        section_rank=Window(RowNumber(), partition_by=[branch], order_by=newest_first),
    ).filter(
        Q(overall_rank__lte=LATEST)
        | Q(featured=True, featured_rank__lte=FEATURED)
        | Q(section_rank__lte=PER_SECTION, branch__in=[section.path for section in sections])
    )
    found = sorted(ranked, key=lambda a: (a.date, a.pk), reverse=True)
    featured = [a for a in found if a.featured and a.featured_rank <= FEATURED]
    latest = [a for a in found if a.overall_rank <= LATEST]
    by_branch = defaultdict(list)
    for article in found:
        if article.section_rank <= PER_SECTION:
            by_branch[article.branch].append(article)
    per_section = [
        (section, by_branch[section.path]) for section in sections if by_branch.get(section.path)
    ]
    return featured, latest, per_section
