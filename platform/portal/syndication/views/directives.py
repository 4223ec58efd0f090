"""Directives: what a unit sends down (and where it shows), and what it received from above."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import flows
from ..forms import DirectiveForm, HideForm
from ..models import Appearance, Directive
from .common import editor_required


@editor_required
def sent(request, unit):
    form = DirectiveForm(unit, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            directive = flows.send_directive(
                unit,
                request.user,
                data["publication"],
                data["section_slug"],
                targets=list(data["targets"]),
                mandatory=data["mandatory"],
                note=data["note"],
            )
        except flows.SyndicationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Đã gửi chỉ đạo tới %(count)s đơn vị.")
                % {"count": directive.appearances.count()},
            )
            return redirect("syndication_admin:directives_sent")
    directives = (
        Directive.objects.filter(from_unit=unit)
        .select_related("publication")
        .prefetch_related("appearances__unit")[:50]
    )
    return TemplateResponse(
        request,
        "portal_syndication/admin/directives_sent.html",
        {"form": form, "directives": directives},
    )


@editor_required
def received(request, unit):
    appearances = (
        Appearance.objects.filter(unit=unit)
        .select_related("publication", "publication__unit", "directive", "proposal")
        .order_by("-created_at", "-pk")[:100]
    )
    return TemplateResponse(
        request,
        "portal_syndication/admin/received.html",
        {"appearances": appearances, "hide_form": HideForm()},
    )


@require_POST
@editor_required
def toggle(request, unit, pk: int):
    appearance = get_object_or_404(Appearance.objects.select_related("directive"), pk=pk, unit=unit)
    try:
        if request.POST.get("action") == "show":
            flows.show(unit, request.user, appearance)
            messages.success(request, _("Tin đã hiện lại trên cổng."))
        else:
            form = HideForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            flows.hide(unit, request.user, appearance, reason)
            messages.success(request, _("Đã ẩn tin khỏi cổng."))
    except flows.SyndicationError as error:
        messages.error(request, str(error))
    return redirect("syndication_admin:received")
