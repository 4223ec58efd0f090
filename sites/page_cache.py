"""Whole-page cache of the portals for anonymous visitors, kept apart per unit.

A page is stored only when Wagtail served it (the `before_serve_page` hook
marks the request), to a visitor with neither session nor messages cookie,
with status 200, no view restriction on the page, no CSRF token or message
used and no session written while rendering. Everyone else, signed-in people
first of all, always gets a fresh page.

Keys carry the unit's schema, a per-unit generation token, the network's
routing token (a unit added, moved or renamed changes the links to the
parent and child portals), today's date (slogans run by date), the active
language, and the host and full path. Any write in a unit's schema other
than a page's (theme settings, slogans, menus, images, documents), a page
moved or renamed, or a change of the home page, its children or a menu page,
replaces that unit's generation token, and with it every key of that unit;
other units keep theirs. A page published, unpublished or deleted retires
less (sites.page_versions): each entry carries the versions of its page, its
ancestors and its siblings' list (and, unless the page type shows only
itself and its siblings, of every page of the unit), checked at every replay.
Tokens are random (as in routing): after a cache flush a counter could
restart at a value an old entry still carries.
Pages also show other units' publications. Those of the units below
(aggregated news, modules' network pages) are followed through the change
mark of the units below in the keys (portal.syndication.marks; seen at the
latest a second later, the marks' memo). Those shown through syndication
(directives from above, accepted proposals) are followed by their
Appearance rows: a change of the original, or of the appearance, retires the
pages of every unit showing it.

Cached pages are still counted as page views (portal.analytics), and a
Content-Security-Policy nonce in a stored page is replaced by a fresh one at
every replay.

With a cache shared by every process (Redis in production) a change is seen
at once everywhere; with the local-memory default each process has its own
copy, so `PORTAL_PAGE_CACHE_SECONDS` (300 by default, 0 turns the cache
off) bounds how long another process may serve the previous page.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import uuid

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.http import HttpResponse
from django.urls import Resolver404, get_resolver
from django.utils import timezone, translation
from django_tenants.utils import get_public_schema_name, schema_context
from modelcluster.fields import ParentalKey
from wagtail.images.models import AbstractRendition
from wagtail.models import Page
from wagtail.signals import page_slug_changed, page_unpublished, post_page_move

from portal.analytics import counter
from portal.publications.models import Publication
from portal.syndication import marks
from portal.syndication.models import Appearance
from portal.tenancy import routing

from . import page_versions

GENERATION_KEY = "portal:page-cache-generation"
STATUS_HEADER = "X-Portal-Page-Cache"
_CANDIDATE = "_portal_page_cache_key"
_SERVED_BY_WAGTAIL = "_portal_page_cacheable"
_PAGE_ID = "_portal_page_cache_page_id"
_VERSIONS = "_portal_page_cache_versions"
_NOT_REPLAYED = {"vary", "set-cookie", STATUS_HEADER.lower()}


def timeout() -> int:
    return settings.PORTAL_PAGE_CACHE_SECONDS


def in_unit_schema() -> bool:
    return connection.schema_name not in (
        get_public_schema_name(),
        settings.PORTAL_TEMPLATE_SCHEMA,
    )


# Tokens this process has replaced: a token a request remembered is then read again.
_replaced = [0]


def generation() -> str:
    """The current unit's token (created if missing). Call inside the unit's schema.

    A unit routed for a request remembers it for the rest of the request (the
    fragments, the unit's data and the page itself ask for it), until this
    process replaces a token.
    """
    schema, unit = connection.schema_name, connection.tenant
    remembered = getattr(unit, "_portal_generation", None)
    if remembered is not None and remembered[:2] == (schema, _replaced[0]):
        return remembered[2]
    key = f"{GENERATION_KEY}:{schema}"
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        token = cache.get(key)
    if token and getattr(unit, "routing_token", None) is not None:  # routed for this request
        unit._portal_generation = (schema, _replaced[0], token)
    # A cache that keeps nothing (DummyCache): a fresh token, which no stored entry carries.
    return token or uuid.uuid4().hex


def invalidate_current_unit(**_kwargs) -> None:
    """Forget every cached page of the unit whose schema is active (nothing elsewhere).

    Now, for whoever reads inside the same transaction, and again on commit:
    a visitor rendering the old page meanwhile must not store it under the
    new token.
    """
    if in_unit_schema():
        invalidate_unit(connection.schema_name)


def invalidate_unit(schema: str) -> None:
    """Forget every cached page of the unit with `schema` (now and again on commit)."""

    def bump():
        _replaced[0] += 1
        with schema_context(schema):
            cache.set(f"{GENERATION_KEY}:{schema}", uuid.uuid4().hex, timeout=None)

    bump()
    transaction.on_commit(bump)


def _below_mark() -> str:
    """The change mark of the units below this one (their ledger rows)."""
    unit = getattr(connection, "tenant", None)
    if unit is None or not getattr(unit, "path", None):
        return "-"
    return str(marks.read(marks.below_scope(unit)).counter)


def network_token() -> str:
    """The network's routing token (replaced by any unit or domain change)."""
    token = getattr(connection.tenant, "routing_token", None)
    if token is not None:  # read by routing at the start of this request
        return token
    with schema_context(get_public_schema_name()):
        return cache.get(routing.VERSION_KEY) or ""


def _is_anonymous_visit(request) -> bool:
    return (
        request.method == "GET"
        and getattr(request, "tenant", None) is not None
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not request.path.startswith("/admin/")
        and _served_by_wagtail(
            getattr(request, "urlconf", None) or settings.ROOT_URLCONF, request.path_info
        )
    )


@functools.lru_cache(maxsize=4096)
def _served_by_wagtail(urlconf: str, path: str) -> bool:
    """Whether `path` goes to Wagtail's page view, the only one whose pages are stored:
    other requests (searches, feeds, forms) skip the cache's keys and lookups."""
    from wagtail.views import serve  # not at import time: models import this module

    try:
        return get_resolver(urlconf).resolve(path).func is serve
    except Resolver404:
        return False


def unit_state() -> tuple[str, ...]:
    """What a unit's rendered pages depend on besides the request: any change retires them.

    Shared with the fragment cache (sites.fragment_cache). Call inside the unit's schema.
    """
    return (
        connection.schema_name,
        generation(),
        network_token(),
        # Home and module pages show the ledger rows of the units below (not the unit's own:
        # its pages' publishing retires only what it changed, sites.page_versions).
        _below_mark(),
        timezone.localdate().isoformat(),
        translation.get_language() or "",
    )


def _key(request) -> str:
    # Scheme and port too: pages link to other portals with the request's own.
    address = (
        f"{request.scheme}://{request.get_host()}:{request.get_port()}{request.get_full_path()}"
    )
    address = hashlib.sha256(address.encode()).hexdigest()
    return ":".join(("portal:page", *unit_state(), address))


def _storable(request, response) -> bool:
    session = getattr(request, "session", None)
    storage = getattr(request, "_messages", None)
    cache_control = response.get("Cache-Control", "")
    return (
        getattr(request, _SERVED_BY_WAGTAIL, False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        and not (storage is not None and getattr(storage, "_queued_messages", None))
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class PageCacheMiddleware:
    """Serves and stores anonymous visitors' pages; place it after MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = timeout()
        if seconds <= 0 or not _is_anonymous_visit(request):
            return self.get_response(request)
        key = _key(request)
        stored = cache.get(key)
        # Entries of older releases, and pages whose versions changed, are rendered anew.
        if stored is not None and len(stored) == 6 and _versions_hold(stored[5]):
            status, headers, content, page_id, nonce, _versions = stored
            counter.count_visit(request, page_id)  # a replayed page is still a page read
            fresh = _fresh_nonce() if nonce else None
            if nonce:  # a Content-Security-Policy nonce must never be served twice
                content = content.replace(nonce.encode(), fresh.encode())
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value.replace(nonce, fresh) if nonce else value
            response[STATUS_HEADER] = "hit"
            return response
        setattr(request, _CANDIDATE, key)
        response = self.get_response(request)
        if _storable(request, response):
            headers = [(n, v) for n, v in response.items() if n.lower() not in _NOT_REPLAYED]
            nonce = getattr(request, "_csp_nonce", None)  # set by django-csp once used
            stored = (
                response.status_code,
                headers,
                response.content,
                getattr(request, _PAGE_ID),
                nonce,
                getattr(request, _VERSIONS),
            )
            cache.set(key, stored, seconds)
            response[STATUS_HEADER] = "miss"
        return response


def _fresh_nonce() -> str:
    """A nonce like django-csp's own (16 random bytes, base64)."""
    return base64.b64encode(os.urandom(16)).decode("ascii")


def mark_cacheable(page, request, serve_args, serve_kwargs):
    """`before_serve_page` hook: a candidate page may be stored unless it has a view restriction.

    The page's versions are read before it renders: a change meanwhile retires the entry.
    """
    if getattr(request, _CANDIDATE, None) is not None:
        setattr(request, _SERVED_BY_WAGTAIL, not page.get_view_restrictions().exists())
        setattr(request, _PAGE_ID, page.pk)
        keys = page_versions.page_and_siblings_keys(page.path)
        if not getattr(page, "shows_only_itself_and_siblings", False):
            keys.append(page_versions.pages_key())  # lists, modules: any page may show
        versions = page_versions.read_for(request, keys)
        setattr(request, _VERSIONS, dict(zip(keys, versions, strict=True)))


def _versions_hold(versions: dict[str, str]) -> bool:
    """Whether the page versions an entry was rendered with are still current."""
    return cache.get_many(list(versions)) == versions


@functools.cache
def _tenant_only_app_labels() -> frozenset[str]:
    """Labels of the apps whose tables exist only in units' schemas."""

    def named(config, entries) -> bool:
        config_path = f"{type(config).__module__}.{type(config).__name__}"
        return config.name in entries or config_path in entries

    return frozenset(
        config.label
        for config in apps.get_app_configs()
        if named(config, settings.TENANT_APPS) and not named(config, settings.SHARED_APPS)
    )


# Rows written with a page (its revisions, log, references, search entry, tags): the page's
# own save or publish retires what they change.
PAGE_BOOKKEEPING_MODELS = frozenset(
    {
        "wagtailcore.revision",
        "wagtailcore.pagelogentry",
        "wagtailcore.referenceindex",
        "wagtailcore.pagesubscription",
        "wagtailcore.workflowstate",
        "wagtailcore.taskstate",
        "wagtailsearch.indexentry",
        "taggit.tag",
    }
)
# What saving a draft writes on the page's row: the live page does not change.
DRAFT_FIELDS = frozenset(
    {
        "latest_revision",
        "draft_title",
        "has_unpublished_changes",
        "latest_revision_created_at",
        "wagtail_admin_comments",
    }
)
_BEFORE = "_portal_page_before_save"


def _written_with_a_page(model) -> bool:
    if model._meta.label_lower in PAGE_BOOKKEEPING_MODELS:
        return True
    return any(
        isinstance(field, ParentalKey) and issubclass(field.related_model, Page)
        for field in model._meta.concrete_fields
    )


def on_model_change(sender, **kwargs):
    """post_save / post_delete of a model whose table lives in the units' schemas."""
    if issubclass(sender, AbstractRendition):
        return  # renditions are made while rendering pages and change none
    if sender._meta.app_label not in _tenant_only_app_labels() or not in_unit_schema():
        return
    if issubclass(sender, Page):
        page = kwargs["instance"]
        if kwargs.get("signal") is post_delete:  # what it was is what it is
            setattr(page, _BEFORE, (page.live, page.show_in_menus))
        on_page_change(page, update_fields=kwargs.get("update_fields"))
    elif not _written_with_a_page(sender):
        invalidate_current_unit()


def remember_page_before_save(sender, instance, **kwargs):
    """pre_save of a page: whether it was live and in the menu (what its change retires)."""
    if issubclass(sender, Page) and in_unit_schema():
        before = None
        if instance.pk is not None:  # else a new page: nothing showed it before
            rows = Page.objects.filter(pk=instance.pk).values_list("live", "show_in_menus")
            before = rows.first()
        setattr(instance, _BEFORE, before or (False, False))


def on_page_change(page, *, update_fields=None, **_kwargs) -> None:
    """A page saved, published, unpublished or deleted: retire it and the lists showing it.

    Everything of the unit when the chrome may show it: the home page and its
    children (sections, the introduction, the English page) and any page in
    the menu, before or after the change.
    """
    if not in_unit_schema():
        return
    if update_fields is not None and set(update_fields) <= DRAFT_FIELDS:
        return  # a draft saved: the live page is the same
    was_live, was_in_menu = getattr(page, _BEFORE, (True, True))  # unknown: assume the worst
    if not (page.live or was_live):
        return  # never visible
    # An alias counts in the unit's view restrictions (sites.view_restrictions).
    chrome = page.depth <= page_versions.CHROME_DEPTH or page.show_in_menus or was_in_menu
    if chrome or page.alias_of_id is not None:
        invalidate_current_unit()
    page_versions.retire(page.path, page_versions.type_labels(page))


def on_page_unpublished(sender, instance, **kwargs):
    on_page_change(instance)


# Rows in the public schema that change what a unit's pages show.
UNIT_SETTINGS_MODELS = (
    "portal_analytics.VisitorCounterPreference",
    "portal_extensions.PluginActivation",
    "portal_syndication.Appearance",
)


def on_unit_setting_change(sender, instance, **kwargs):
    invalidate_unit(instance.unit.schema_name)


def on_publication_change(sender, instance, **kwargs):
    """A ledger row changed: the units showing it through syndication show it anew."""
    showing = Appearance.objects.filter(publication_id=instance.pk)
    for schema in showing.values_list("unit__schema_name", flat=True).distinct():
        invalidate_unit(schema)


def connect() -> None:
    """Connect invalidation to Wagtail's page signals, every tenant model's writes and
    the public rows that are a unit's settings (UNIT_SETTINGS_MODELS)."""
    for label in UNIT_SETTINGS_MODELS:
        for signal in (post_save, post_delete):
            signal.connect(
                on_unit_setting_change,
                sender=apps.get_model(label),
                dispatch_uid=f"page-cache-{label}-{signal!r}",
            )
    for signal in (post_save, post_delete):
        signal.connect(
            on_publication_change,
            sender=Publication,
            dispatch_uid=f"page-cache-publication-{signal!r}",
        )
    # Paths of a whole branch change: every page and fragment of the unit.
    for signal in (post_page_move, page_slug_changed):
        signal.connect(invalidate_current_unit, dispatch_uid=f"page-cache-{signal!r}")
    # Descendants unpublished with their parent may be updated without a save of their own.
    page_unpublished.connect(on_page_unpublished, dispatch_uid="page-cache-unpublished")
    pre_save.connect(remember_page_before_save, dispatch_uid="page-cache-before-save")
    post_save.connect(on_model_change, dispatch_uid="page-cache-save")
    post_delete.connect(on_model_change, dispatch_uid="page-cache-delete")
