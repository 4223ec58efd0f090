"""The unit's visitor figures in its admin, and the choice to show the total on the portal."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts import access
from portal.reports.charts import bar_chart

from . import figures
from .models import VisitorCounterPreference


def page_views(request):
    access.require(request, access.READ_UNIT_REPORT)
    unit = request.tenant
    preference, _created = VisitorCounterPreference.objects.get_or_create(unit=unit)
    if request.method == "POST":
        access.require(request, access.ADMINISTER_UNIT)
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
            "can_configure": access.holds(request, access.ADMINISTER_UNIT),
        },
    )
