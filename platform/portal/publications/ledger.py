"""Writing the ledger: the one place that creates and changes Publication rows.

Everything here runs in a unit's schema, on the same connection as the page
change that caused it, so it joins the caller's transaction: the row changes
if and only if the page change commits. (Wagtail sends a few signals after
committing its own change; see `receivers`.) The Publication table lives in
the public schema, which every unit's search_path includes.

A write happens only when the row actually changes; each one bumps `version`
and sets the outbox mark for the indexer.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from functools import cached_property
from urllib.parse import urljoin

from django.db import transaction
from django.utils import timezone
from django_tenants.utils import schema_context
from wagtail.models import Page

from portal.tenancy.models import Unit

from . import registry, units
from .entries import LedgerEntry, page_path
from .models import Publication, PublicationStatus


def is_publishable(page: Page) -> bool:
    """Whether citizens can see `page`: live, not an alias, no view restriction, routable."""
    return (
        page.live
        and page.alias_of_id is None
        # Wagtail's own query, not a page type's cached answer: this runs inside the very
        # write (a restriction saved) that retires that cache, possibly before it is retired.
        and not Page.get_view_restrictions(page).exists()
        and page_path(page) is not None
    )


class UnitLedger:
    """The ledger rows of one unit. Use inside that unit's schema."""

    def __init__(self, unit: Unit):
        self.unit = unit

    @classmethod
    def current(cls) -> UnitLedger | None:
        """The ledger of the unit whose schema is active, or None outside any unit."""
        unit = units.current_unit()
        return cls(unit) if unit is not None else None

    @cached_property
    def base_url(self) -> str | None:
        return units.base_url(self.unit)

    def sync(self, page: Page) -> str | None:
        """Make the row of `page` match it: live if publishable, else withdrawn.

        Pages of unregistered types are ignored, and a page that is not
        publishable and has no row gets none. Returns the row's new status if
        the row changed, else None.
        """
        kind = registry.kind_for(page.specific_class)
        if kind is None:
            return None
        page = page.specific
        publishable = self.base_url is not None and is_publishable(page)
        entry = kind.build_entry(page) if publishable else None
        if entry is None:
            return self.set_status(kind.slug, page.pk, PublicationStatus.WITHDRAWN)
        return self.record(kind.slug, page.pk, entry)

    def sync_subtree(self, page: Page) -> None:
        """`sync` every page of a registered type in `page`'s subtree (itself included).

        For changes that affect a whole branch: a move, a slug change, a view
        restriction added or removed.
        """
        models = [kind.model for kind in registry.kinds()]
        if not models:
            return
        branch = Page.objects.descendant_of(page, inclusive=True).exact_type(*models)
        for descendant in branch.specific():
            self.sync(descendant)

    def refresh_section(self, section: Page) -> None:
        """Re-sync the live rows naming `section` as their section under an older title."""
        object_ids = (
            Publication.objects.filter(
                unit=self.unit, section_id=section.pk, status=PublicationStatus.LIVE
            )
            .exclude(section_title=section.title)
            .values_list("object_id", flat=True)
        )
        for page in Page.objects.filter(pk__in=list(object_ids)).specific():
            self.sync(page)

    @transaction.atomic
    def record(self, kind: str, object_id: int, entry: LedgerEntry) -> str | None:
        """Write `entry` as the live row of (kind, object_id); None if it was already so."""
        row = self._locked_row(kind, object_id)
        values = self._values(entry, row)
        if row is None:
            Publication.objects.create(unit=self.unit, kind=kind, object_id=object_id, **values)
            return PublicationStatus.LIVE
        if all(getattr(row, name) == value for name, value in values.items()):
            return None
        for name, value in values.items():
            setattr(row, name, value)
        self._save_change(row)
        return PublicationStatus.LIVE

    @transaction.atomic
    def set_status(self, kind: str, object_id: int, status: str) -> str | None:
        """Turn the row of (kind, object_id), if any, to `status`; None if nothing changed."""
        row = self._locked_row(kind, object_id)
        if row is None or row.status == status:
            return None
        row.status = status
        self._save_change(row)
        return status

    def rebuild(self) -> Counter:
        """Make every row of the registered kinds match the unit's pages; idempotent.

        Pages of registered types are synced (rows missing since a restore come
        back); rows whose page no longer exists turn deleted. Rows of kinds not
        registered in this process are left alone. Returns how many rows turned
        to each status.
        """
        changes: Counter = Counter()
        existing: dict[str, set[int]] = {}
        for kind in registry.kinds():
            existing[kind.slug] = set()
            for page in kind.model.objects.exact_type(kind.model).iterator():
                existing[kind.slug].add(page.pk)
                changes.update([self.sync(page)])
        orphans = Publication.objects.filter(unit=self.unit, kind__in=existing).exclude(
            status=PublicationStatus.DELETED
        )
        for kind, object_id in orphans.values_list("kind", "object_id"):
            if object_id not in existing[kind]:
                changes.update([self.set_status(kind, object_id, PublicationStatus.DELETED)])
        changes.pop(None, None)
        return changes

    def _locked_row(self, kind: str, object_id: int) -> Publication | None:
        return (
            Publication.objects.select_for_update()
            .filter(unit=self.unit, kind=kind, object_id=object_id)
            .first()
        )

    def _values(self, entry: LedgerEntry, row: Publication | None) -> dict:
        values = asdict(entry)
        for name in ("url", "section_url", "image_url"):
            values[name] = self._absolute(values[name])
        for attachment in values["attachments"]:
            attachment["url"] = self._absolute(attachment["url"])
        values["attachments"] = list(values["attachments"])
        if values["published_at"] is None:
            values["published_at"] = row.published_at if row else timezone.now()
        if values["updated_at"] is None:
            values["updated_at"] = row.updated_at if row else values["published_at"]
        values["status"] = PublicationStatus.LIVE
        return values

    def _absolute(self, url: str) -> str:
        return urljoin(self.base_url, url) if url else ""

    @staticmethod
    def _save_change(row: Publication) -> None:
        row.version += 1
        row.index_pending = True
        row.changed_at = timezone.now()
        row.save()


def rebuild(unit: Unit) -> Counter:
    """Rebuild `unit`'s rows from its pages (see UnitLedger.rebuild), in one transaction."""
    with schema_context(unit.schema_name), transaction.atomic():
        return UnitLedger(unit).rebuild()
