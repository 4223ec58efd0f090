"""Finding the page a URL names below a home page: from the unit's cache, else in one query.

Wagtail's `Page.route` walks the path one slug at a time: for an article
four levels down that is eight queries (each child, then its specific row).
Every page's `url_path` already spells its whole path, so the pages on the
way are read together, then the last one's specific row. Where a page on the
way routes by itself (it overrides `route`, e.g. a RoutablePageMixin page),
the walk hands the rest of the path to it, as Wagtail would; otherwise the
result is Wagtail's own: the page if it is live, else 404.

The page a whole path names is kept in the unit's cached data
(sites.unit_data: retired by any write of the unit's settings, a move or a
slug change), with the versions of the page and its ancestors
(sites.page_versions): the page or an ancestor published, unpublished or
deleted, and it is read anew; other pages' changes leave it. So a page read
again costs no query. Paths that name no page, or that a page routes by
itself, are never stored.
"""

from __future__ import annotations

import hashlib

from django.http import Http404
from wagtail.models import Page

from . import page_versions, unit_data


def route(root: Page, request, path_components: list[str]):
    """Wagtail's `root.route(request, path_components)`, with fewer queries."""
    if not path_components:
        return Page.route(root, request, path_components)
    path = hashlib.sha256("/".join(path_components).encode()).hexdigest()

    def walk():
        page, remaining = _walk(root, path_components)
        return page, remaining, _versions(request, page)

    page, remaining, _ = unit_data.cached(
        "page-at",
        (root.pk, path),
        walk,
        keep=lambda walked: not walked[1],
        any_page=False,  # other pages' changes leave this one where it is
        fresh=lambda walked: walked[2] == _versions(request, walked[0]),
    )
    return page.route(request, remaining)


def _versions(request, page: Page) -> list[str]:
    """The versions of the page and its ancestors (page_versions): a change of any retires it."""
    return page_versions.read_for(request, page_versions.page_keys(page.path))


def _walk(root: Page, path_components: list[str]) -> tuple[Page, list[str]]:
    """(the specific page where the walk ends, the rest of the path it must route), or 404."""
    url_paths = [
        root.url_path + "".join(f"{component}/" for component in path_components[:depth])
        for depth in range(1, len(path_components) + 1)
    ]
    on_the_way = {
        page.url_path: page
        for page in Page.objects.descendant_of(root).filter(url_path__in=url_paths)
    }
    parent = root
    for depth, url_path in enumerate(url_paths, start=1):
        page = on_the_way.get(url_path)
        if page is None or page.depth != root.depth + depth:
            raise Http404
        page._cached_parent_obj = parent  # as Wagtail's route does: get_parent() costs no query
        remaining = path_components[depth:]
        routes_by_itself = (page.specific_class or Page).route is not Page.route
        if routes_by_itself or not remaining:  # the last component always ends here
            return page.specific, remaining
        parent = page
    raise Http404  # not reached: the last component always ends the walk
