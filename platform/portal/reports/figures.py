"""The report figures, computed from the publication ledger and nothing else.

An item counts in a period when its ledger row is live and was first
published inside the period (local time). Photos are the images the ledger
counted in each item; videos are rows of kind "video" (plugins) plus videos
embedded in items.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from portal.publications import registry
from portal.publications.models import Publication, PublicationStatus
from portal.tenancy.models import Unit

from .models import EditorialTarget
from .periods import Period

PHOTO, VIDEO = "photo", "video"


def metric_labels() -> dict[str, str]:
    """Every figure a report has, in display order: kinds of the ledger, then photos and videos."""
    labels = {kind.slug: str(kind.label) for kind in registry.kinds() if kind.slug != VIDEO}
    labels[PHOTO] = _("Ảnh")
    labels[VIDEO] = _("Video")
    return labels


@dataclass(frozen=True)
class TargetStatus:
    metric: str
    label: str
    per_week: int
    expected: float
    actual: int

    @property
    def behind(self) -> bool:
        return self.actual < self.expected

    @property
    def shortfall(self) -> float:
        return round(max(0.0, self.expected - self.actual), 1)


@dataclass(frozen=True)
class ApprovalTimes:
    """Hours from submission to approval of the moderated items of the period."""

    count: int
    mean_hours: float | None
    median_hours: float | None
    longest_hours: float | None


@dataclass
class UnitReport:
    unit: Unit
    period: Period
    metrics: dict[str, int]
    by_section: list[tuple[str, int]] = field(default_factory=list)
    by_author: list[tuple[str, int]] = field(default_factory=list)
    targets: list[TargetStatus] = field(default_factory=list)
    approval: ApprovalTimes | None = None

    @property
    def behind(self) -> list[TargetStatus]:
        return [target for target in self.targets if target.behind]


@dataclass
class NetworkReport:
    period: Period
    root: Unit | None
    units: list[UnitReport]
    totals: dict[str, int]
    approval: ApprovalTimes

    @property
    def behind(self) -> list[UnitReport]:
        return [report for report in self.units if report.behind]


def _rows(units, period: Period):
    start, end = period.bounds()
    return Publication.objects.filter(
        unit__in=units, status=PublicationStatus.LIVE, published_at__gte=start, published_at__lt=end
    )


def _metrics(rows) -> dict[int, dict[str, int]]:
    """{unit id: {metric: value}} for the rows, every metric present (zeros included)."""
    labels = metric_labels()
    result: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(labels, 0))
    for item in rows.values("unit_id", "kind").annotate(
        items=Count("pk"), photos=Sum("image_count"), videos=Sum("video_count")
    ):
        figures = result[item["unit_id"]]
        if item["kind"] == VIDEO:
            figures[VIDEO] += item["items"]
        else:
            figures[item["kind"]] = figures.get(item["kind"], 0) + item["items"]
        figures[PHOTO] += item["photos"] or 0
        figures[VIDEO] += item["videos"] or 0
    return result


def _approval(rows) -> ApprovalTimes:
    moderated = rows.filter(submitted_at__isnull=False, approved_at__isnull=False)
    hours = [
        (approved - submitted).total_seconds() / 3600
        for submitted, approved in moderated.values_list("submitted_at", "approved_at")
        if approved >= submitted
    ]
    if not hours:
        return ApprovalTimes(0, None, None, None)
    return ApprovalTimes(
        len(hours),
        round(statistics.fmean(hours), 1),
        round(statistics.median(hours), 1),
        round(max(hours), 1),
    )


def _targets(unit: Unit, period: Period, figures: dict[str, int], targets) -> list[TargetStatus]:
    labels = metric_labels()
    days = period.elapsed_days()
    return [
        TargetStatus(
            metric=target.kind,
            label=labels.get(target.kind, target.kind),
            per_week=target.per_week,
            expected=round(target.per_week * days / 7, 1),
            actual=figures.get(target.kind, 0),
        )
        for target in targets
    ]


def _ranked(counter: Counter) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0].casefold()))


def unit_report(unit: Unit, period: Period) -> UnitReport:
    """Everything one unit published in the period, with its targets and approval times."""
    rows = _rows([unit], period)
    figures = _metrics(rows)[unit.pk]
    sections = Counter()
    authors = Counter()
    for section, author, contributor in rows.values_list("section_title", "author", "contributor"):
        sections[section or _("(không thuộc chuyên mục)")] += 1
        authors[author or contributor or _("(không rõ)")] += 1
    return UnitReport(
        unit=unit,
        period=period,
        metrics=figures,
        by_section=_ranked(sections),
        by_author=_ranked(authors),
        targets=_targets(unit, period, figures, unit.editorial_targets.all()),
        approval=_approval(rows),
    )


def network_report(period: Period, root: Unit | None = None) -> NetworkReport:
    """Every active unit (under `root`, itself included, or the whole network), side by side."""
    units = Unit.objects.filter(status="active")
    if root is not None:
        units = units.filter(Q(pk=root.pk) | Q(path__startswith=root.path, depth__gt=root.depth))
    units = list(units.order_by("path"))
    rows = _rows(units, period)
    per_unit = _metrics(rows)
    targets = defaultdict(list)
    for target in EditorialTarget.objects.filter(unit__in=units):
        targets[target.unit_id].append(target)
    reports = []
    totals = dict.fromkeys(metric_labels(), 0)
    for unit in units:
        figures = per_unit[unit.pk]
        for metric, value in figures.items():
            totals[metric] = totals.get(metric, 0) + value
        reports.append(
            UnitReport(
                unit=unit,
                period=period,
                metrics=figures,
                targets=_targets(unit, period, figures, targets[unit.pk]),
            )
        )
    return NetworkReport(period, root, reports, totals, _approval(rows))
