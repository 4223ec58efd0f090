"""The unit's visitor figures in its admin, and the choice to show the total on the portal."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts import roles
from portal.reports.access import can_read_unit_report as can_read
from portal.reports.charts import bar_chart

from . import figures
from .models import VisitorCounterPreference

__all__ = ["can_read", "page_views"]


def _can_configure(user) -> bool:
    return user.is_superuser or roles.SITE_ADMIN in roles.roles_of(user)


def page_views(request):
    if not can_read(request.user):
        raise PermissionDenied
    unit = request.tenant
    preference, _created = VisitorCounterPreference.objects.get_or_create(unit=unit)
    if request.method == "POST":
        if not _can_configure(request.user):
            raise PermissionDenied
        preference.show_total = request.POST.get("show_total") == "on"
        preference.save()
        figures.forget_total(unit)
        messages.success(request, _("Đã lưu cài đặt bộ đếm truy cập."))
        return redirect("portal_analytics_views")
    today = timezone.localdate()
    days = figures.daily_totals(unit, today - datetime.timedelta(days=29), today)
    return render(
        request,
        "portal_analytics/admin.html",
        {
            "most_read": figures.most_read(unit, days=30, limit=20),
            "chart": bar_chart(
                [(day.strftime("%d/%m"), total) for day, total in days], _("Lượt xem 30 ngày qua")
            ),
            "preference": preference,
            "can_configure": _can_configure(request.user),
        },
    )
