"""The page lifecycle, as Wagtail signals it, turned into ledger writes.

- page_published: the page's row is written (or withdrawn if the page is not
  publishable, e.g. private); rows naming the page as their section follow a
  new title.
- page_unpublished: the row is withdrawn. Wagtail also sends it, from its own
  pre_delete handler, for every live page being deleted.
- post_delete of a page (sent for every page of a deleted subtree): the row
  turns deleted, so a deleted live page goes withdrawn -> deleted within the
  delete's transaction.
- post_page_move and page_slug_changed: the rows of the whole subtree follow
  the new URLs and sections. Wagtail sends both after its own transaction
  (page_slug_changed even on commit), so unless the caller holds an outer
  transaction, these writes commit on their own, right after the page change.
- a view restriction saved or removed: the subtree's rows are withdrawn or
  come back.

Receivers act only inside a unit's schema; elsewhere (the public or the
template schema) they do nothing.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import registry
from .ledger import UnitLedger
from .models import PublicationStatus


def on_published(sender, instance, **kwargs):
    ledger = UnitLedger.current()
    if ledger is not None:
        ledger.sync(instance)
        ledger.refresh_section(instance)


def on_unpublished(sender, instance, **kwargs):
    _set_status(instance, PublicationStatus.WITHDRAWN)


def on_page_deleted(sender, instance, **kwargs):
    _set_status(instance, PublicationStatus.DELETED)


def on_branch_changed(sender, instance, **kwargs):
    ledger = UnitLedger.current()
    if ledger is not None:
        ledger.sync_subtree(instance)


def on_restriction_saved(sender, instance, **kwargs):
    on_branch_changed(sender, instance.page)


def on_restriction_deleted(sender, instance, origin=None, **kwargs):
    if not _deleted_with_its_page(origin):
        on_branch_changed(sender, instance.page)


def _set_status(page: Page, status: str) -> None:
    kind = registry.kind_for(page.specific_class)
    if kind is None:
        return
    ledger = UnitLedger.current()
    if ledger is not None:
        ledger.set_status(kind.slug, page.pk, status)


def _deleted_with_its_page(origin) -> bool:
    """Whether a restriction goes because its page is deleted (the page's own rows follow)."""
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    return issubclass(model, Page)


def connect() -> None:
    """Connect the receivers; called once from PublicationsConfig.ready()."""
    page_published.connect(on_published, dispatch_uid="ledger-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="ledger-unpublished")
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="ledger-page-deleted")
    post_page_move.connect(on_branch_changed, dispatch_uid="ledger-moved")
    page_slug_changed.connect(on_branch_changed, dispatch_uid="ledger-slug-changed")
    post_save.connect(
        on_restriction_saved, sender=PageViewRestriction, dispatch_uid="ledger-restricted"
    )
    post_delete.connect(
        on_restriction_deleted, sender=PageViewRestriction, dispatch_uid="ledger-unrestricted"
    )
