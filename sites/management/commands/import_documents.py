"""Import an archive into a unit's registry: `manage.py import_documents --unit CODE PATH...`.

Each PDF, DOCX or TXT file (folders are searched recursively) becomes a
document; its metadata comes from `<file>.meta.json` next to it, or is read
from its text. One line per file, a summary, the drafts for an editor to
review; the exit status is non-zero when any file failed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from portal.tenancy.models import Unit
from sites.importing import ImportProblem
from sites.importing.filetypes import FileKind
from sites.importing.importer import Importer, Outcome, Status
from sites.importing.metadata import SIDECAR_SUFFIX

_EXTENSIONS = {f".{kind.value}" for kind in FileKind}


class Command(BaseCommand):
    help = "Import PDF, DOCX and TXT documents (files or folders) into a unit's document registry."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="Code of the unit, e.g. TN-HA.")
        parser.add_argument(
            "paths", nargs="+", type=Path, help="Files or folders (searched recursively)."
        )

    def handle(self, *args, **options):
        # Operators read the CLI in English; override (not activate) so the
        # caller's language is restored afterwards, e.g. in tests.
        with translation.override("en"):
            self._run(options["unit"], options["paths"])

    def _run(self, code: str, paths: list[Path]) -> None:
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            raise CommandError(_("Không có đơn vị mã %(code)s.") % {"code": code})
        if not unit.is_active:
            raise CommandError(_("Đơn vị %(unit)s đã lưu trữ.") % {"unit": unit.name})
        try:
            importer = Importer(unit)
        except ImportProblem as problem:
            raise CommandError(str(problem)) from problem
        outcomes = []
        for item in _collect(paths):
            outcome = item if isinstance(item, Outcome) else importer.import_file(item)
            self._report(outcome)
            outcomes.append(outcome)
        self._summarise(unit, outcomes)
        failed = sum(outcome.status == Status.FAILED for outcome in outcomes)
        if failed:
            raise CommandError(_("%(count)s tệp bị lỗi.") % {"count": failed})

    def _report(self, outcome: Outcome) -> None:
        line = f"{outcome.path}: {outcome.status.label}"
        if outcome.reason:
            line += f" ({outcome.reason})"
        style = {
            Status.PUBLISHED: self.style.SUCCESS,
            Status.DRAFT: self.style.WARNING,
            Status.REFUSED: self.style.ERROR,
            Status.SKIPPED: self.style.NOTICE,
            Status.FAILED: self.style.ERROR,
        }[outcome.status]
        self.stdout.write(style(line))

    def _summarise(self, unit: Unit, outcomes: list[Outcome]) -> None:
        counts = Counter(outcome.status for outcome in outcomes)
        self.stdout.write(
            _(
                "%(total)s tệp: %(published)s xuất bản, %(drafts)s bản nháp, "
                "%(refused)s từ chối, %(skipped)s bỏ qua, %(failed)s lỗi."
            )
            % {
                "total": len(outcomes),
                "published": counts[Status.PUBLISHED],
                "drafts": counts[Status.DRAFT],
                "refused": counts[Status.REFUSED],
                "skipped": counts[Status.SKIPPED],
                "failed": counts[Status.FAILED],
            }
        )
        drafts = [outcome for outcome in outcomes if outcome.status == Status.DRAFT]
        if drafts:
            self.stdout.write(_("Bản nháp cần biên tập viên kiểm tra:"))
            host = unit.primary_domain() or ""
            for outcome in drafts:
                edit = host + reverse("wagtailadmin_pages:edit", args=[outcome.page_id])
                self.stdout.write(f"  {edit}  {outcome.path} ({outcome.reason})")


def _collect(paths: list[Path]) -> Iterator[Path | Outcome]:
    """The files to import, in a stable order; an Outcome for what cannot be imported.

    A file named on the command line always goes to the importer (which says
    what is wrong with it). In folders, sidecars and hidden files are not
    documents; other unsupported files are reported as skipped, so nothing in
    an archive is passed over silently.
    """
    for path in paths:
        if path.is_file():
            yield path
        elif path.is_dir():
            for found in sorted(candidate for candidate in path.rglob("*") if candidate.is_file()):
                hidden = any(part.startswith(".") for part in found.relative_to(path).parts)
                if hidden or found.name.endswith(SIDECAR_SUFFIX):
                    continue
                if found.suffix.lower() in _EXTENSIONS:
                    yield found
                else:
                    yield Outcome(found, Status.SKIPPED, _("không phải tệp PDF, DOCX hoặc TXT"))
        else:
            yield Outcome(path, Status.FAILED, _("không tồn tại"))
