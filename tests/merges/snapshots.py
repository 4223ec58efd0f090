"""What a merge may change, read whole, to prove that a failed or dry-run merge changed nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django_tenants.utils import schema_context
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Revision
from wagtailmedia.models import get_media_model

from portal.accounts.membership.models import UnitRole
from portal.merges.models import MergedUnit, MergeRedirect
from portal.publications.models import Publication
from portal.tenancy.models import Domain, Unit


def files_of(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def schema_state(schema: str) -> dict:
    with schema_context(schema):
        return {
            "pages": list(Page.objects.order_by("path").values()),
            "revisions": Revision.objects.count(),
            "images": list(get_image_model().objects.order_by("pk").values()),
            "documents": list(get_document_model().objects.order_by("pk").values()),
            "media": list(get_media_model().objects.order_by("pk").values()),
            "collections": list(Collection.objects.values_list("name", flat=True)),
            "roles": sorted(UnitRole.objects.values_list("user_id", "group__name")),
        }


def network_state(units: list[Unit], merging) -> dict:
    """The rows of `units` and of the network, and the stored files of `units`."""
    return {
        "schemas": {unit.code: schema_state(unit.schema_name) for unit in units},
        "units": sorted(Unit.objects.values_list("code", "status", "archived_at")),
        "domains": sorted(Domain.objects.values_list("domain", "tenant_id", "is_primary")),
        "ledger": list(Publication.objects.order_by("pk").values()),
        "merges": MergedUnit.objects.count(),
        "redirects": MergeRedirect.objects.count(),
        "media": merging.stored_files(units),
    }
