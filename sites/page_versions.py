"""Version tokens of a unit's pages: what a publish retires, and nothing more.

A unit's settings, menus, snippets and files carry the unit's generation token
(sites.page_cache): any such write retires every cached page and fragment of
the unit. A page published, unpublished, deleted or saved live retires less:

- its own token (`page:<path>`): the page itself, and its breadcrumbs below;
- the branch tokens (`branch:<path>`) of the page and of every ancestor: the
  lists that may show it (a section's list, the home page's lists, an article's
  "same section" list, which is its parent's branch);
- the unit's pages token: what may show any page (the default of fragments,
  the unit's cached routing data, the file rights);
- the type tokens (`type:<app_label.model>`) of its page type and of the page
  types it extends: what shows pages of one type only, wherever they are (the
  home page's news and its documents), kept when other types are published.

The chrome (header, menu, footer, network links) stays, unless the page is
the home page or one of its children, or is or was shown in the menu: then
the generation token is replaced too. A move or a slug change alters the paths of a whole branch:
it retires the generation token as well.

Tokens are random, written now and again on commit (as the generation token:
a visitor rendering the old page meanwhile must not store it under the new
token), and read together in one round trip of the shared cache. Call inside
the unit's schema.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import connection, transaction
from wagtail.models import Page

KEY_PREFIX = "portal:page-version"
STEP = 4  # treebeard's step length: a page's ancestors are the prefixes of its path
HOME_DEPTH = 2
CHROME_DEPTH = 3  # the home page's children: the header and footer may show them


def _key(kind: str, path: str = "") -> str:
    return f"{KEY_PREFIX}:{connection.schema_name}:{kind}:{path}"


def pages_key() -> str:
    return _key("pages")


def page_keys(path: str) -> list[str]:
    """The tokens a page's own content depends on: it and its ancestors (breadcrumbs, routing)."""
    return [_key("page", path[:end]) for end in range(HOME_DEPTH * STEP, len(path) + 1, STEP)]


def branch_key(path: str) -> str:
    """The token of the lists of the pages below `path`."""
    return _key("branch", path)


def page_and_siblings_keys(path: str) -> list[str]:
    """What a page showing itself and its siblings (an article) depends on. A home page
    shows none: its siblings are other home pages (every publish replaces their branch)."""
    if len(path) <= HOME_DEPTH * STEP:
        return page_keys(path)
    return [*page_keys(path), branch_key(path[:-STEP])]


def type_key(label: str) -> str:
    """The token of what shows pages of the type `label` ("app_label.model") only."""
    return _key("type", label)


def type_labels(page) -> list[str]:
    """The labels of `page`'s type and of the page types it extends: a list of articles
    shows the page types made from articles too."""
    model = page.specific_class
    if model is None:  # its type's code is gone
        return []
    return [
        parent._meta.label_lower
        for parent in (model, *model._meta.get_parent_list())
        if issubclass(parent, Page) and parent is not Page
    ]


def read_for(request, keys: list[str]) -> list[str]:
    """The tokens under `keys`, each read once per request (a page has a dozen fragments)."""
    known = request.__dict__.setdefault("_portal_page_versions", {})
    missing = [key for key in keys if key not in known]
    if missing:
        known.update(read(missing))
    return [known[key] for key in keys]


def read(keys: list[str]) -> dict[str, str]:
    """The tokens under `keys` (made where missing), in one round trip when all exist."""
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, uuid.uuid4().hex, timeout=None)
            # A cache that keeps nothing (DummyCache): a fresh token, which no entry carries.
            found[key] = cache.get(key) or uuid.uuid4().hex
    return found


def retire(path: str, types: list[str]) -> None:
    """A live page at `path`, of the page `types` (type_labels), changed: its own token,
    the branches above it, its types' tokens and the pages token."""
    keys = [
        pages_key(),
        _key("page", path),
        *(branch_key(path[:end]) for end in range(STEP, len(path) + 1, STEP)),
        *map(type_key, types),
    ]

    def replace():
        cache.set_many({key: uuid.uuid4().hex for key in keys}, timeout=None)

    replace()
    transaction.on_commit(replace)
