"""Scheduled go-live and expiry in every unit: `manage.py publish_scheduled_units [--unit CODE]`.

Wagtail's `publish_scheduled` works in one schema; this runs it in each active
unit's schema in turn (run it every few minutes from cron or a systemd
timer). A unit whose run fails is reported and the others still run; the exit
status is then non-zero.
"""

from __future__ import annotations

import io

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

from portal.tenancy.models import Unit, UnitStatus


class Command(BaseCommand):
    help = "Publish and expire scheduled pages in every active unit (or in one)."

    def add_arguments(self, parser):
        parser.add_argument("--unit", help="Code of one unit; every active unit by default.")

    def handle(self, *args, **options):
        with translation.override("en"):
            self._run(options["unit"])

    def _run(self, code: str | None) -> None:
        units = Unit.objects.filter(status=UnitStatus.ACTIVE).order_by("path")
        if code is not None:
            units = units.filter(code=code)
            if not units.exists():
                raise CommandError(
                    _("Không có đơn vị đang hoạt động mã %(code)s.") % {"code": code}
                )
        failed = []
        for unit in units:
            try:
                with schema_context(unit.schema_name), transaction.atomic():
                    call_command("publish_scheduled", stdout=io.StringIO())
            except Exception as error:  # one unit's failure must not stop the others
                failed.append(unit)
                self.stderr.write(f"{unit.code}: {error}")
        self.stdout.write(
            _("Đã chạy lịch xuất bản ở %(count)d đơn vị.") % {"count": len(units) - len(failed)}
        )
        if failed:
            raise CommandError(
                _("Lỗi ở %(count)d đơn vị: %(codes)s")
                % {"count": len(failed), "codes": ", ".join(u.code for u in failed)}
            )
