"""Purge changed pages from the frontend HTTP cache (nginx's proxy_cache), on every domain.

Off unless WAGTAILFRONTENDCACHE is set (production: PORTAL_FRONTEND_CACHE_URL, the
purge listener of deploy/nginx/frontend-cache). Wagtail's own frontend_cache app
purges a page on its Site's host name only; a unit answers on all its domains, so
the URLs are built here and handed to Wagtail's purge machinery
(`purge_urls_from_cache`), once the transaction has committed: a purge sent
earlier could let nginx fetch the old page again.

What is purged, on every domain of the unit:
- a page published, unpublished or deleted: the page and its ancestors up to the
  unit's home (sections and the home list it), and the home of every unit above
  (their pages aggregate the news of the units below);
- a page moved or renamed (slug): the same at the old and the new place, and the
  old addresses of the pages below it;
- a syndicated appearance added, changed or removed, or the original it shows
  changed: the showing unit's home, its section page showing it and the
  appearance's own page.
Anything else a change shows up in (lists with ?page=, feeds) is refreshed when
its entry expires (PORTAL_FRONTEND_CACHE_VALID in nginx).
"""

from __future__ import annotations

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django_tenants.utils import get_public_schema_name, schema_context
from wagtail import __version__ as WAGTAIL
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from portal.publications.models import Publication
from portal.syndication.models import Appearance
from portal.tenancy.models import Unit

logger = logging.getLogger("portal.frontend_cache")
PURGE_TIMEOUT_SECONDS = 5


class PurgeBackend(HTTPBackend):
    """Wagtail's HTTP backend with a timeout (a publish never hangs on the cache), and a
    404 from nginx's purge module (nothing cached under that URL) taken as done."""

    def purge(self, url: str) -> None:
        parts = urlsplit(url)
        request = PurgeRequest(
            url=urlunsplit((self.cache_scheme, self.cache_netloc, parts.path, parts.query, "")),
            headers={"Host": parts.netloc, "User-Agent": f"Wagtail-frontendcache/{WAGTAIL}"},
        )
        try:
            urlopen(request, timeout=PURGE_TIMEOUT_SECONDS).close()  # noqa: S310 (LOCATION is ours)
        except HTTPError as error:
            if error.code != 404:
                logger.error("Could not purge %s from the frontend cache: HTTP %s", url, error.code)
        except (URLError, OSError) as error:
            logger.error("Could not purge %s from the frontend cache: %s", url, error)


def enabled() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def unit_urls(unit: Unit, paths: set[str]) -> list[str]:
    """Every path on every domain of `unit`, as absolute HTTPS URLs."""
    domains = unit.domains.values_list("domain", flat=True)
    return sorted(f"https://{domain}{path}" for domain in domains for path in paths)


def _relative(url_path: str) -> str | None:
    """A page's path on its unit's portal, from its Wagtail url_path (None outside the site)."""
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return "/" + url_path[len(root.root_path) :]
    return None


def _paths_with_ancestors(url_path: str) -> set[str]:
    """The page's path and its ancestors' (the prefixes of its url_path) below the root."""
    parts = url_path.strip("/").split("/")
    url_paths = ["/" + "/".join(parts[:n]) + "/" for n in range(1, len(parts) + 1)]
    return {path for path in map(_relative, url_paths) if path is not None}


def _current_unit() -> Unit | None:
    """The unit whose schema is active (schema_context() sets no Unit on the connection)."""
    if connection.schema_name == get_public_schema_name():
        return None
    return Unit.objects.filter(schema_name=connection.schema_name).first()


def page_change_urls(page: Page, old_url_path: str | None = None) -> list[str]:
    """What a change of `page` in the current unit makes stale (see the module's list)."""
    unit = _current_unit()
    if unit is None:
        return []
    paths = _paths_with_ancestors(page.url_path)
    if old_url_path and old_url_path != page.url_path:
        paths |= _paths_with_ancestors(old_url_path)
        for below in page.get_descendants().values_list("url_path", flat=True):
            moved = _relative(old_url_path + below[len(page.url_path) :])
            if moved:
                paths.add(moved)
    urls = unit_urls(unit, paths)
    for ancestor in unit.get_ancestors():
        urls += unit_urls(ancestor, {"/"})
    return urls


def appearance_urls(appearance: Appearance) -> list[str]:
    """The showing unit's pages where `appearance` shows (or showed)."""
    unit = appearance.unit
    with schema_context(unit.schema_name):
        sections = Page.objects.filter(slug=appearance.section_slug)
        paths = {"/", *filter(None, map(_relative, sections.values_list("url_path", flat=True)))}
        paths.add(reverse("syndication_appearance", args=[appearance.pk]))
    return unit_urls(unit, paths)


def purge_on_commit(urls: list[str]) -> None:
    if urls:
        transaction.on_commit(lambda: purge_urls_from_cache(urls))


def on_page_shown_or_hidden(sender, instance, **kwargs):
    """page_published, page_unpublished (also sent for live pages being deleted)."""
    if enabled():
        purge_on_commit(page_change_urls(instance))


def on_page_moved(sender, instance, url_path_before, **kwargs):
    if enabled():
        purge_on_commit(page_change_urls(instance, url_path_before))


def on_slug_changed(sender, instance, instance_before, **kwargs):
    if enabled():
        purge_on_commit(page_change_urls(instance, instance_before.url_path))


def on_appearance_change(sender, instance, **kwargs):
    if enabled():
        purge_on_commit(appearance_urls(instance))


def on_publication_change(sender, instance, **kwargs):
    """The original changed: every appearance of it shows it anew."""
    if enabled():
        showing = Appearance.objects.filter(publication_id=instance.pk).select_related("unit")
        for appearance in showing:
            purge_on_commit(appearance_urls(appearance))


def connect() -> None:
    """Connect to Wagtail's page signals and the syndication rows. Call after the page
    cache's connect(): on commit, its entries are retired before nginx is purged."""
    page_published.connect(on_page_shown_or_hidden, dispatch_uid="frontend-cache-published")
    page_unpublished.connect(on_page_shown_or_hidden, dispatch_uid="frontend-cache-unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="frontend-cache-moved")
    page_slug_changed.connect(on_slug_changed, dispatch_uid="frontend-cache-slug")
    for signal in (post_save, post_delete):
        signal.connect(
            on_appearance_change,
            sender=Appearance,
            dispatch_uid=f"frontend-cache-appearance-{signal!r}",
        )
        signal.connect(
            on_publication_change,
            sender=Publication,
            dispatch_uid=f"frontend-cache-publication-{signal!r}",
        )
