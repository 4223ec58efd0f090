"""Merging units: the merged units' content, files, editors, ledger rows and addresses go to
the survivor, and the merged units are archived. All or nothing.

Everything runs in one transaction on one connection, switching schemas inside
it (PostgreSQL lets one transaction write to many schemas): the survivor's new
pages, files rows and roles, the merged units' cleared roles, the ledger, the
redirects and the archiving commit together or not at all. Files copied into
the survivor's storage (its media folder, or its key prefix in the bucket) are
removed again if the transaction does not commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection, transaction
from django_tenants.utils import get_public_schema_name, schema_context
from wagtail.models import Page

from portal import audit
from portal.audit import actions
from portal.publications.ledger import UnitLedger
from portal.publications.models import Publication, PublicationStatus
from portal.tenancy import provisioning, routing
from portal.tenancy.models import Unit

from .files import WrittenFiles, copy_file_rows, file_models, unit_collection
from .members import move_members
from .models import MergedUnit, MergeRedirect
from .pages import TreeCopier
from .planning import MergePlan, plan
from .remap import IdMaps


class DryRunRollback(Exception):
    """Raised at the end of a dry run so that its transaction rolls back."""


@dataclass
class MergeResult:
    plan: MergePlan
    dry_run: bool
    redirects: int = 0
    ledger_live: int = 0  # live ledger rows of the survivor for the moved pages
    moved: dict[str, int] = field(default_factory=dict)  # unit code -> pages written


def merge_units(
    survivor_code: str, codes: list[str], *, user=None, dry_run: bool = False
) -> MergeResult:
    """Merge the units `codes` into `survivor_code`. A dry run does all of it, then rolls back."""
    with schema_context(get_public_schema_name()):
        written = WrittenFiles()
        result = None
        try:
            with transaction.atomic():
                merge_plan = _locked_plan(survivor_code, codes)
                written.watch(merge_plan.survivor.schema_name)
                result = MergeResult(plan=merge_plan, dry_run=dry_run)
                for unit in merge_plan.merged:
                    _merge_one(unit, merge_plan, result, written, user)
                if dry_run:
                    raise DryRunRollback
                transaction.on_commit(routing.invalidate)
        except DryRunRollback:
            written.remove_all()
        except BaseException:
            written.remove_all()
            raise
        finally:
            connection.set_schema_to_public()
    return result


def _locked_plan(survivor_code: str, codes: list[str]) -> MergePlan:
    """The plan, checked again with the units' rows locked, so two merges never interleave."""
    list(Unit.objects.select_for_update().filter(code__in=[survivor_code, *codes]).order_by("pk"))
    return plan(survivor_code, codes)


def _merge_one(unit: Unit, merge_plan: MergePlan, result: MergeResult, written, user) -> None:
    survivor = merge_plan.survivor
    with schema_context(survivor.schema_name):
        collection = unit_collection(unit.name)
    maps = IdMaps(source_schema=unit.schema_name, collection_id=collection.pk)
    renamed_files = {}
    for kind, model in file_models().items():
        renamed_files.update(copy_file_rows(kind, model, maps, unit.name, written))
    pages = TreeCopier(unit, survivor, maps).run()
    result.moved[unit.code] = len(pages.new_pages)
    with schema_context(survivor.schema_name):
        ledger = UnitLedger(survivor)
        for page in Page.objects.filter(pk__in=pages.new_pages).specific():
            ledger.sync(page)
    result.ledger_live += Publication.objects.filter(
        unit=survivor, object_id__in=pages.new_pages, status=PublicationStatus.LIVE
    ).count()
    withdrawn = UnitLedger(unit)
    for kind, object_id in Publication.objects.filter(
        unit=unit, status=PublicationStatus.LIVE
    ).values_list("kind", "object_id"):
        withdrawn.set_status(kind, object_id, PublicationStatus.WITHDRAWN)
    editors = move_members(unit.schema_name, survivor.schema_name)
    record = MergedUnit.objects.create(
        unit=unit,
        survivor=survivor,
        merged_by=user if user is not None and user.pk else None,
        counts={**merge_plan.counts[unit.code], "editors": editors},
    )
    redirects = {old: new for old, new in pages.moved}
    redirects.update(_file_redirects(maps, renamed_files, unit, survivor))
    MergeRedirect.objects.bulk_create(
        MergeRedirect(merged=record, old_path=old, new_path=new) for old, new in redirects.items()
    )
    result.redirects += len(redirects)
    audit.record(
        actions.UNIT_MERGED,
        unit=unit,
        target=survivor.code,
        details={"into": survivor.code, **record.counts, "redirects": len(redirects)},
        actor=user if user is not None and user.pk else None,
    )
    provisioning.archive(unit)
    connection.set_schema_to_public()


def _file_redirects(
    maps: IdMaps, renamed: dict[str, str], unit: Unit, survivor: Unit
) -> dict[str, str]:
    """Old file addresses: media files by name, Wagtail's document links by id and name."""
    from wagtail.documents import get_document_model

    found = {f"/media/{old}": f"/media/{new}" for old, new in renamed.items()}
    Document = get_document_model()
    with schema_context(unit.schema_name):
        old_names = dict(Document.objects.values_list("pk", "file"))
    with schema_context(survivor.schema_name):
        new_names = dict(
            Document.objects.filter(pk__in=maps.document.values()).values_list("pk", "file")
        )
    for old_id, new_id in maps.document.items():
        old_name, new_name = (
            old_names[old_id].rsplit("/", 1)[-1],
            new_names[new_id].rsplit("/", 1)[-1],
        )
        found[f"/documents/{old_id}/{old_name}"] = f"/documents/{new_id}/{new_name}"
    return found
