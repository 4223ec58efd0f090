"""A report as plain tables: what the admin shows and what the exports write, cell for cell."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .figures import ApprovalTimes, NetworkReport, UnitReport, metric_labels


@dataclass(frozen=True)
class Table:
    title: str
    header: list[str]
    rows: list[list]


def report_title(report: UnitReport | NetworkReport) -> str:
    if isinstance(report, UnitReport):
        scope = report.unit.name
    elif report.root is not None:
        scope = _("%(unit)s và các đơn vị trực thuộc") % {"unit": report.root.name}
    else:
        scope = _("Toàn mạng lưới")
    return _("Báo cáo biên tập: %(scope)s, kỳ %(period)s") % {
        "scope": scope,
        "period": report.period.name,
    }


def _status(target) -> str:
    return _("Chậm chỉ tiêu") if target.behind else _("Đạt")


def _approval_table(approval: ApprovalTimes) -> Table:
    return Table(
        _("Thời gian duyệt"),
        [_("Số mục được duyệt"), _("Trung bình (giờ)"), _("Trung vị (giờ)"), _("Lâu nhất (giờ)")],
        [[approval.count, approval.mean_hours, approval.median_hours, approval.longest_hours]],
    )


def unit_tables(report: UnitReport) -> list[Table]:
    labels = metric_labels()
    return [
        Table(
            _("Tổng hợp"),
            [_("Chỉ số"), _("Số lượng")],
            [[labels.get(metric, metric), value] for metric, value in report.metrics.items()],
        ),
        Table(
            _("Theo chuyên mục"),
            [_("Chuyên mục"), _("Số mục")],
            [list(r) for r in report.by_section],
        ),
        Table(
            _("Theo tác giả"),
            [_("Tác giả, người đóng góp"), _("Số mục")],
            [list(r) for r in report.by_author],
        ),
        Table(
            _("Chỉ tiêu"),
            [_("Chỉ số"), _("Mỗi tuần"), _("Cần đạt"), _("Đã đạt"), _("Trạng thái")],
            [[t.label, t.per_week, t.expected, t.actual, _status(t)] for t in report.targets],
        ),
        _approval_table(report.approval),
    ]


def network_tables(report: NetworkReport) -> list[Table]:
    labels = metric_labels()
    metrics = list(labels)
    by_unit = [
        [unit_report.unit.code, unit_report.unit.name, str(unit_report.unit.level)]
        + [unit_report.metrics.get(metric, 0) for metric in metrics]
        + [len(unit_report.behind)]
        for unit_report in report.units
    ]
    by_unit.append(
        [None, _("Tổng cộng"), None]
        + [report.totals.get(metric, 0) for metric in metrics]
        + [len(report.behind)]
    )
    targets = [
        [
            unit_report.unit.code,
            unit_report.unit.name,
            t.label,
            t.per_week,
            t.expected,
            t.actual,
            _status(t),
        ]
        for unit_report in report.units
        for t in unit_report.targets
    ]
    return [
        Table(
            _("Theo đơn vị"),
            [_("Mã"), _("Đơn vị"), _("Cấp")]
            + [labels[m] for m in metrics]
            + [_("Chỉ tiêu chưa đạt")],
            by_unit,
        ),
        Table(
            _("Chỉ tiêu"),
            [
                _("Mã"),
                _("Đơn vị"),
                _("Chỉ số"),
                _("Mỗi tuần"),
                _("Cần đạt"),
                _("Đã đạt"),
                _("Trạng thái"),
            ],
            targets,
        ),
        _approval_table(report.approval),
    ]


def tables_for(report: UnitReport | NetworkReport) -> list[Table]:
    return unit_tables(report) if isinstance(report, UnitReport) else network_tables(report)
