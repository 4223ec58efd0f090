"""The merge note of archived units: when and into which unit they were merged."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import MergedUnit


def merge_notes(units) -> dict[int, dict]:
    archived = [unit.pk for unit in units if not unit.is_active]
    if not archived:  # only archived units can have been merged: no query for the others
        return {}
    records = MergedUnit.objects.select_related("survivor").filter(unit__in=archived)
    return {
        record.unit_id: {
            "merged_into": {
                "code": record.survivor.code,
                "name": record.survivor.name,
                "at": record.merged_at.isoformat(),
                "text": _("Đã sáp nhập vào %(name)s (%(code)s) lúc %(at)s.")
                % {
                    "name": record.survivor.name,
                    "code": record.survivor.code,
                    "at": timezone.localtime(record.merged_at).strftime("%H:%M %d/%m/%Y"),
                },
            }
        }
        for record in records
    }
