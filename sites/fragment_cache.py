"""Parts of the portal's pages that are the same for every visitor, cached per unit.

The page cache (sites.page_cache) stores whole pages, for anonymous visitors
only; everyone else, and every page it may not store, is rendered in full.
Fragments cut that cost: the header, the menu, the breadcrumbs, the footer,
the home page's news and documents and an article's body are rendered once
and then read back, for every visitor.

A fragment's key is its name, the values it varies on (the page, say), the
request's scheme, host and port (links to other portals carry them), and the
unit's state as the page cache sees it (`page_cache.unit_state`: schema,
generation token, network routing token, mark of the units below, date,
language) and, unless it shows only the unit's settings, the versions of the
pages it shows (sites.page_versions). A write of the unit's settings, a
page moved, its settings in the public schema or a change in the network
retire every fragment of the unit; a page published, unpublished or deleted
only those showing it: by default (`depends` left out) any fragment that may
show pages, with `depends=page` the page's own and its siblings', with
`depends="type:<app_label.model>"` those showing pages of that type (or of a
type made from it), never the chrome (`depends="settings"`) unless the page
is in the menu or the home page's child. Other units keep theirs, and no key
is shared between two units.

Each process also keeps what it read for a few seconds (sites.local_memo):
a key never names two versions of a fragment, so that copy is never stale.

Never stored: previews (they show drafts), fragments whose rendering asked
for a CSRF token or a Content-Security-Policy nonce (both belong to one
visitor), and anything outside a unit's portal. `PORTAL_FRAGMENT_CACHE_SECONDS`
(300 by default, 0 turns fragments off) also bounds figures that change
without a write in the unit, such as the most-read list and the visitor total.
"""

from __future__ import annotations

import functools
import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from wagtail.models import Page

from . import local_memo, page_cache, page_versions

KEY_PREFIX = "portal:fragment"
_PER_REQUEST = "_portal_fragment_key_parts"


def timeout() -> int:
    return settings.PORTAL_FRAGMENT_CACHE_SECONDS


# What a fragment depends on besides the unit's settings (`depends`):
ANY_PAGE = None  # the default: any page of the unit (lists, anything not declared)
SETTINGS_ONLY = "settings"  # the chrome: settings, snippets, menu pages, the network
PAGES_OF_TYPE = "type:"  # + "app_label.model": pages of that type only, wherever they are


def key(request, name: str, vary_on: list, depends=ANY_PAGE) -> str | None:
    """The cache key of fragment `name` for this request, or None if it must be rendered.

    `depends`: ANY_PAGE, SETTINGS_ONLY, PAGES_OF_TYPE + a page type's label, or a
    page: the page itself, its ancestors and its siblings (what an article shows), so
    other pages' publishing keeps it.
    """
    if (
        request is None
        or timeout() <= 0
        or getattr(request, "tenant", None) is None
        or getattr(request, "is_preview", False)
        or not page_cache.in_unit_schema()
    ):
        return None
    prefix, address = _per_request(request)
    variant = repr((name, [str(value) for value in vary_on], address, _versions(request, depends)))
    return f"{prefix}:{hashlib.sha256(variant.encode()).hexdigest()}"


def _versions(request, depends) -> list[str]:
    """The page versions `depends` names."""
    if depends == SETTINGS_ONLY:
        return []
    if depends is ANY_PAGE:
        return page_versions.read_for(request, [page_versions.pages_key()])
    if isinstance(depends, str):
        return page_versions.read_for(request, [page_versions.type_key(_page_type(depends))])
    return page_versions.read_for(request, page_versions.page_and_siblings_keys(depends.path))


@functools.lru_cache(maxsize=64)
def _page_type(depends: str) -> str:
    """The page type's label in `depends` ("type:app_label.model"), checked: a misspelt
    one would name a token no publish replaces, and the fragment would never change."""
    label = depends.removeprefix(PAGES_OF_TYPE)
    try:
        model = apps.get_model(label) if label != depends else None
    except (LookupError, ValueError):  # no such model, or no "app_label.model"
        model = None
    if model is None or not issubclass(model, Page) or model is Page:
        raise ValueError(
            f"depends={depends!r}: not {SETTINGS_ONLY!r}, a page, or "
            f"{PAGES_OF_TYPE!r} and a page type such as 'portal_sites.articlepage'"
        )
    return model._meta.label_lower


def _per_request(request) -> tuple[str, str]:
    """(key prefix with the unit's state, the request's address): read once per request,
    as a page has a dozen fragments."""
    found = getattr(request, _PER_REQUEST, None)
    if found is None:
        found = (
            ":".join((KEY_PREFIX, *page_cache.unit_state())),
            f"{request.scheme}://{request.get_host()}:{request.get_port()}",
        )
        setattr(request, _PER_REQUEST, found)
    return found


def _storable(request, content: str) -> bool:
    """False when the fragment may hold one visitor's CSRF token or CSP nonce."""
    nonce = getattr(request, "_csp_nonce", None)  # set by django-csp once the nonce is read
    return not request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and not (nonce and nonce in content)


def render(request, name: str, vary_on: list, render_fragment, depends=ANY_PAGE) -> str:
    """Fragment `name`: read back, or rendered with `render_fragment()` and stored."""
    fragment_key = key(request, name, vary_on, depends)
    if fragment_key is None:
        return render_fragment()
    stored = local_memo.get(fragment_key)
    if stored is not local_memo.MISSING:
        return stored
    stored = cache.get(fragment_key)
    if stored is not None:
        local_memo.keep(fragment_key, stored, timeout())
        return stored
    content = render_fragment()
    if _storable(request, content):
        cache.set(fragment_key, content, timeout())
        local_memo.keep(fragment_key, str(content), timeout())
    return content
