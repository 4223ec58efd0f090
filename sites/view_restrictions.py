"""Whether a view restriction applies to a page, answered from the unit's cached restrictions.

Wagtail checks every page it serves with `page.get_view_restrictions()`: one
query for the page's ancestors, one for their restrictions. A unit has few
restricted pages, and a page's ancestors are spelled by its tree path, so the
paths of the unit's restricted pages and of its alias pages are read once
(sites.unit_data, retired by a restriction written, a page moved or an
alias made: sites.page_cache) and most pages are cleared without a query. Where a
restricted page or an alias (whose source's restrictions count, in Wagtail)
is on the page's way, Wagtail's own queries answer.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction

from portal.accounts.page_rights import RolePagePermissions

from . import unit_data


def _restricted_and_alias_paths() -> tuple[frozenset[str], frozenset[str]]:
    rows = (
        Page.objects.annotate(
            restricted=Exists(PageViewRestriction.objects.filter(page=OuterRef("pk")))
        )
        .filter(Q(restricted=True) | Q(alias_of__isnull=False))
        .values_list("path", "restricted")
    )
    restricted, aliases = set(), set()
    for path, is_restricted in rows:
        (restricted if is_restricted else aliases).add(path)
    return frozenset(restricted), frozenset(aliases)


def at_or_below_a_view_restriction() -> Exists:
    """Wagtail's `private_q()` inside the query itself: no query of its own for the restrictions."""
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


def none_apply(page: Page) -> bool:
    """True when no view restriction can apply to `page` (its own or an ancestor's)."""
    if page.alias_of_id is not None:
        return False
    # A restriction, a move or an alias made retires the unit's generation: no page version.
    restricted, aliases = unit_data.cached(
        "view-restrictions", (), _restricted_and_alias_paths, any_page=False
    )
    if not restricted and not aliases:
        return True
    on_the_way = {page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)}
    return on_the_way.isdisjoint(restricted) and on_the_way.isdisjoint(aliases)


class CachedViewRestrictionsMixin(RolePagePermissions):
    """Page types whose `get_view_restrictions()` costs no query when none can apply.

    It is the base of every sites page type, so it also carries the roles' page rules.
    """

    def get_view_restrictions(self):
        if none_apply(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
