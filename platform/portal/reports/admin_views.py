"""The reports in the admin: a unit's own, the network's with drill-down, exports, targets."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from portal.accounts import access
from portal.tenancy.models import Unit

from . import charts, exports, figures
from .models import EditorialTarget
from .periods import Period, PeriodError
from .tables import report_title, tables_for

PERIOD_PARAM, FORMAT_PARAM = "ky", "dinh-dang"
CHART_UNITS = 40  # a chart of 3,000 communes helps no one


def _period(request) -> tuple[Period, str | None]:
    """The requested period, or this month and the reason the requested one was refused."""
    text = request.GET.get(PERIOD_PARAM, "").strip()
    if not text:
        return Period.current_month(), None
    try:
        return Period.parse(text), None
    except PeriodError as error:
        return Period.current_month(), str(error)


def _respond(request, report, template: str, context: dict, period_error: str | None):
    fmt = request.GET.get(FORMAT_PARAM)
    if fmt and period_error is None:
        if fmt not in exports.FORMATS:
            messages.error(request, _("Định dạng xuất không hỗ trợ: chọn xlsx hoặc csv."))
        else:
            response = HttpResponse(
                exports.export(report, fmt), content_type=exports.CONTENT_TYPES[fmt]
            )
            response["Content-Disposition"] = (
                f'attachment; filename="{exports.filename(report, fmt)}"'
            )
            return response
    context.update(
        report=report,
        title=report_title(report),
        tables=tables_for(report),
        period_error=period_error,
        period_text=request.GET.get(PERIOD_PARAM, report.period.name),
        labels=figures.metric_labels(),
    )
    return render(request, template, context, status=400 if period_error else 200)


def _unit_context(report) -> dict:
    labels = figures.metric_labels()
    return {
        "metrics_chart": charts.bar_chart(
            [(labels[m], v) for m, v in report.metrics.items()],
            _("Số mục xuất bản theo loại"),
            marks={t.label: t.expected for t in report.targets},
        ),
        "sections_chart": charts.bar_chart(report.by_section[:15], _("Theo chuyên mục")),
        "authors_chart": charts.bar_chart(report.by_author[:15], _("Theo tác giả")),
    }


def unit_report(request):
    """The current unit's own report."""
    access.require(request, access.READ_UNIT_REPORT)
    period, error = _period(request)
    report = figures.unit_report(request.tenant, period)
    return _respond(request, report, "portal_reports/unit.html", _unit_context(report), error)


def network_unit_report(request, code: str):
    """Any unit's report, for network administrators drilling down from the network view."""
    unit = access.access_object(request, Unit.objects, read=access.READ_NETWORK_REPORT, code=code)
    period, error = _period(request)
    report = figures.unit_report(unit, period)
    context = _unit_context(report) | {"from_network": True}
    return _respond(request, report, "portal_reports/unit.html", context, error)


def network_report(request):
    """Every unit (or one unit's branch, ?don-vi=CODE) side by side, with a chart of the first."""
    access.require(request, access.READ_NETWORK_REPORT)
    period, error = _period(request)
    root_code = request.GET.get("don-vi")
    root = get_object_or_404(Unit, code=root_code) if root_code else None
    report = figures.network_report(period, root)
    article = next(iter(figures.metric_labels()))
    charted = _chart_units(report.units)
    title = _("%(kind)s theo đơn vị") % {"kind": figures.metric_labels()[article]}
    if len(charted) < len(report.units):
        title += " " + _("(%(count)s đơn vị chậm nhất)") % {"count": len(charted)}
    context = {
        "chart": charts.bar_chart(
            [
                (unit_report.unit.name, unit_report.metrics.get(article, 0))
                for unit_report in charted
            ],
            title,
            marks={
                u.unit.name: t.expected for u in charted for t in u.targets if t.metric == article
            },
        ),
        "root": root,
    }
    return _respond(request, report, "portal_reports/network.html", context, error)


def _chart_units(units: list, limit: int = CHART_UNITS) -> list:
    """All units if few; else the `limit` furthest behind their targets, then the least active."""
    if len(units) <= limit:
        return units
    return sorted(
        units,
        key=lambda u: (-sum(t.shortfall for t in u.targets), sum(u.metrics.values()), u.unit.path),
    )[:limit]


class TargetsForm(forms.Form):
    """One optional "per week" figure per metric; empty removes the target."""

    def __init__(self, *args, current: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for metric, label in figures.metric_labels().items():
            self.fields[metric] = forms.IntegerField(
                label=label,
                required=False,
                min_value=1,
                max_value=1000,
                initial=current.get(metric),
            )


def edit_targets(request, code: str):
    """GET: a unit's targets, for those who read the network's report; POST: change them."""
    unit = access.access_object(
        request,
        Unit.objects,
        read=access.READ_NETWORK_REPORT,
        write=access.SET_EDITORIAL_TARGETS,
        code=code,
    )
    current = dict(unit.editorial_targets.values_list("kind", "per_week"))
    form = TargetsForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        for metric, per_week in form.cleaned_data.items():
            if per_week:
                EditorialTarget.objects.update_or_create(
                    unit=unit, kind=metric, defaults={"per_week": per_week}
                )
            else:
                EditorialTarget.objects.filter(unit=unit, kind=metric).delete()
        messages.success(request, _("Đã lưu chỉ tiêu của %(unit)s.") % {"unit": unit.name})
        return redirect("portal_reports:network")
    return render(request, "portal_reports/targets.html", {"unit": unit, "form": form})
