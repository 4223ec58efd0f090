"""Proposals: a unit's outbox (what it proposed upward) and its queue (what units below propose)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .. import flows
from ..forms import AcceptForm, DeclineForm, ProposeForm
from ..models import Proposal, ProposalStatus
from .common import editor_required


@editor_required
def outbox(request, unit):
    form = ProposeForm(unit, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            flows.propose(
                unit, request.user, form.cleaned_data["publication"], form.cleaned_data["note"]
            )
        except flows.SyndicationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Đã gửi đề xuất lên %(unit)s.") % {"unit": unit.get_parent().name}
            )
            return redirect("syndication_admin:proposals_sent")
    proposals = Proposal.objects.filter(from_unit=unit).select_related("publication", "to_unit")
    return TemplateResponse(
        request,
        "portal_syndication/admin/proposals_sent.html",
        {"form": form, "proposals": proposals, "parent": unit.get_parent()},
    )


@editor_required
def queue(request, unit):
    proposals = Proposal.objects.filter(to_unit=unit).select_related(
        "publication", "from_unit", "appearance"
    )
    return TemplateResponse(
        request,
        "portal_syndication/admin/proposals_received.html",
        {
            "pending": [p for p in proposals if p.status == ProposalStatus.PENDING],
            "decided": [p for p in proposals if p.status != ProposalStatus.PENDING][:50],
        },
    )


@editor_required
def decide(request, unit, pk: int):
    proposal = get_object_or_404(
        Proposal.objects.select_related("publication", "from_unit"), pk=pk, to_unit=unit
    )
    accept_form = AcceptForm(request.POST if request.POST.get("action") == "accept" else None)
    decline_form = DeclineForm(request.POST if request.POST.get("action") == "decline" else None)
    if request.method == "POST":
        try:
            if accept_form.is_bound and accept_form.is_valid():
                flows.accept(unit, request.user, proposal, accept_form.cleaned_data["section_slug"])
                messages.success(
                    request,
                    _("Đã tiếp nhận tin “%(title)s”.") % {"title": proposal.publication.title},
                )
                return redirect("syndication_admin:proposals_received")
            if decline_form.is_bound and decline_form.is_valid():
                flows.decline(unit, request.user, proposal, decline_form.cleaned_data["reason"])
                messages.success(request, _("Đã từ chối đề xuất."))
                return redirect("syndication_admin:proposals_received")
        except flows.SyndicationError as error:
            messages.error(request, str(error))
    return TemplateResponse(
        request,
        "portal_syndication/admin/proposal_decide.html",
        {"proposal": proposal, "accept_form": accept_form, "decline_form": decline_form},
    )
