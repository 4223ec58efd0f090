"""The public side: a consultation's page, its comment form, and a comment's status page.

A consultation run by this unit and one received from a unit above share these views;
for a received one, reads and the comment's write happen in the owner's schema and the
page is rendered in this unit's (its header, menu and look).
"""

from __future__ import annotations

from contextlib import nullcontext

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django_tenants.utils import schema_context

from portal.feedback import spam

from . import network
from .choices import CommentStatus
from .forms import CommentForm

PAGE_TEMPLATE = "plugin_consultation/consultation_page.html"


def _public_comments(consultation) -> list:
    if not consultation.show_comments:
        return []
    return list(
        consultation.comments.filter(status=CommentStatus.PUBLISHED)
        .select_related("section")
        .order_by("submitted_at", "pk")
    )


def _context(consultation, sections, drafts, form, comments, **extra) -> dict:
    return {
        "consultation": consultation,
        "state": consultation.state(timezone.now()),
        "sections": sections,
        "drafts": drafts,
        "form": form,
        "public_comments": comments,
        **extra,
    }


def _submit(request, consultation, unit, schema: str | None):
    """(form, comment) for a POSTed comment, or a refusal response; saves in `schema`."""
    state = consultation.state(timezone.now())
    if state != "open":
        return None, TemplateResponse(
            request,
            "plugin_consultation/closed.html",
            {"consultation": consultation, "state": state},
            status=403,
        )
    if not spam.allow_submission(request, "consultation"):
        return None, TemplateResponse(request, "portal_feedback/too_many.html", status=429)
    with schema_context(schema) if schema else nullcontext():
        form = CommentForm(request.POST, sections=consultation.sections.all())
        if not form.is_valid():
            if form.fill_time_problem in ("expired", "invalid"):
                form.fresh_start()
            return form, None
        section = form.cleaned_data["section"]
        comment = consultation.comments.create(
            section=section,
            section_label=str(section) if section else "",
            unit_code=unit.code,
            unit_name=unit.name,
            **{name: form.cleaned_data[name] for name in CommentForm.SENDER_FIELDS},
        )
    return form, comment


def page_context(request, page) -> dict:
    """The context of a consultation run by this unit (also for Wagtail's preview)."""
    sections = list(page.sections.all())
    form = CommentForm(sections=page.sections.all())
    drafts = list(page.drafts.select_related("document"))
    owner_code = getattr(request.tenant, "code", None)
    return _context(page, sections, drafts, form, _public_comments(page), owner_code=owner_code)


def own_consultation(request, page):
    if request.method != "POST":
        return page.render(request)
    form, outcome = _submit(request, page, request.tenant, None)
    if form is None:
        return outcome
    if outcome is not None:
        return redirect(page.url + page.reverse_subpage("comment_status", args=[outcome.code]))
    context = page.get_context(request)
    context["form"] = form
    return TemplateResponse(request, PAGE_TEMPLATE, context, status=400)


def _comment_response(request, page, comment, consultation, **extra):
    if comment is None:
        raise Http404
    return TemplateResponse(
        request,
        "plugin_consultation/comment_status.html",
        {"page": page, "self": page, "comment": comment, "consultation": consultation, **extra},
    )


def own_comment(request, page, code: str):
    if not spam.allow_lookup(request):
        return TemplateResponse(request, "portal_feedback/too_many.html", status=429)
    comment = page.comments.filter(code=code.upper()).select_related("section").first()
    return _comment_response(request, page, comment, page, back_url=page.url)


def received_consultation(request, index_page, appearance_id: int, page_model):
    """A consultation of a unit above (`network`), commented on through this portal."""
    found = network.received(request.tenant, appearance_id, page_model)
    form, status = None, 200
    base = index_page.url + index_page.reverse_subpage(
        "received_consultation", args=[appearance_id]
    )
    if request.method == "POST":
        form, outcome = _submit(
            request, found.consultation, request.tenant, found.owner.schema_name
        )
        if form is None:
            return outcome
        if outcome is not None:
            return redirect(f"{base}tra-cuu/{outcome.code}/")
        status = 400
    with schema_context(found.owner.schema_name):
        comments = _public_comments(found.consultation)
        form = form or CommentForm(sections=found.consultation.sections.all())
    attachments = {
        item["filename"]: item["url"] for item in found.appearance.publication.attachments
    }
    for draft in found.drafts:
        draft.owner_url = attachments.get(draft.document.filename, "")
    context = _context(
        found.consultation,
        found.sections,
        found.drafts,
        form,
        comments,
        page=index_page,
        self=index_page,
        owner=found.owner,
        owner_code=found.owner.code,
        action_url=base,
    )
    return TemplateResponse(request, PAGE_TEMPLATE, context, status=status)


def received_comment(request, index_page, appearance_id: int, code: str, page_model):
    if not spam.allow_lookup(request):
        return TemplateResponse(request, "portal_feedback/too_many.html", status=429)
    found = network.received(request.tenant, appearance_id, page_model)
    with schema_context(found.owner.schema_name):
        comments = found.consultation.comments.filter(code=code.upper())
        comment = comments.select_related("section").first()
    base = index_page.url + index_page.reverse_subpage(
        "received_consultation", args=[appearance_id]
    )
    return _comment_response(
        request, index_page, comment, found.consultation, back_url=base, owner=found.owner
    )
