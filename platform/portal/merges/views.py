"""The "Sáp nhập đơn vị" pages of the network console: choose, confirm, merge."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.accounts import access

from .errors import MergeError
from .forms import MergeForm
from .merging import merge_units
from .planning import COUNTED, plan

COUNT_LABELS = {
    "pages": gettext_lazy("trang"),
    "documents": gettext_lazy("tài liệu"),
    "images": gettext_lazy("ảnh"),
    "media": gettext_lazy("tệp âm thanh, video"),
    "editors": gettext_lazy("biên tập viên"),
    "domains": gettext_lazy("tên miền"),
}


def merge_view(request):
    """GET: the form. POST: the confirmation page; POST with "confirm": the merge itself."""
    access.require(request, access.ADMINISTER_NETWORK)
    form = MergeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        survivor_code, codes = form.codes()
        try:
            if request.POST.get("confirm") == "1":
                result = merge_units(survivor_code, codes, user=request.user)
                messages.success(
                    request,
                    _("Đã sáp nhập %(units)s vào %(survivor)s.")
                    % {
                        "units": ", ".join(unit.name for unit in result.plan.merged),
                        "survivor": result.plan.survivor.name,
                    },
                )
                return redirect(reverse("portal_tenancy_unit_modeladmin_index"))
            merge_plan = plan(survivor_code, codes)
        except MergeError as error:
            form.add_error(None, str(error))
        else:
            rows = [
                (
                    unit,
                    [
                        (str(COUNT_LABELS[name]), merge_plan.counts[unit.code][name])
                        for name in COUNTED
                    ],
                )
                for unit in merge_plan.merged
            ]
            return TemplateResponse(
                request,
                "portal_merges/merge_confirm.html",
                {"form": form, "plan": merge_plan, "rows": rows, "title": _("Xác nhận sáp nhập")},
            )
    return TemplateResponse(
        request, "portal_merges/merge_form.html", {"form": form, "title": _("Sáp nhập đơn vị")}
    )
