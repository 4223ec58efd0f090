"""The desk in the admin: the editor's report, the one-click fix, the rules, the handbook."""

from __future__ import annotations

import logging

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.models import Page

from portal.accounts import access

from . import checks, drafts, spelling
from .models import DeskRules

logger = logging.getLogger(__name__)
KIND_LABELS = {
    checks.SPELLING: gettext_lazy("Chính tả"),
    checks.TONE: gettext_lazy("Dấu thanh"),
    checks.LENGTH: gettext_lazy("Độ dài"),
    checks.PHOTO: gettext_lazy("Ảnh"),
    checks.DATE: gettext_lazy("Ngày tháng"),
    checks.NUMBER: gettext_lazy("Số, ký hiệu văn bản"),
    checks.LEADER: gettext_lazy("Lãnh đạo"),
    checks.WATCH: gettext_lazy("Từ cần tránh"),
}
_UNREADABLE_FORM = (KeyError, ValueError, TypeError, ValidationError)
_LARGEST_PAGE_ID = 2**31 - 1  # wagtailcore_page.id is a PostgreSQL integer


def _page_or_none(page_id: int):
    return Page.objects.filter(pk=page_id).first() if page_id <= _LARGEST_PAGE_ID else None


def _checked_page(page_id: int):
    """The article or document `page_id`, as its latest revision says (404 for anything else)."""
    page = _page_or_none(page_id)
    if page is None or not issubclass(page.specific_class or Page, drafts.CHECKED_MODELS):
        raise Http404
    return page.specific.get_latest_revision_as_object()


def _bound_form(request, page, parent):
    form_class = type(page).get_edit_handler().get_form_class()
    form = form_class(
        request.POST, request.FILES, instance=page, parent_page=parent, for_user=request.user
    )
    form.defer_required_fields()  # a draft may lack what publishing needs
    return form


def _read_form(request, page, parent):
    """`page` as the editor's form has it now; None when the form cannot be read at all."""
    form = _bound_form(request, page, parent)
    try:
        valid = form.is_valid()
    except _UNREADABLE_FORM:
        logger.info("writing desk: unreadable editor form", exc_info=True)
        return None, False
    return form.instance, valid


def _report_context(page, *, fix_url: str = "") -> dict:
    desk = DeskRules.current()
    dictionary = spelling.dictionary()
    findings = checks.check(drafts.draft_of(page), drafts.rules(desk), dictionary)
    groups = {}
    for finding in findings:
        groups.setdefault(finding.kind, []).append(finding)
    context = {
        "groups": [(KIND_LABELS[kind], kind, items) for kind, items in groups.items()],
        "count": len(findings),
        "fix_url": fix_url if checks.TONE in groups else "",
        "tone_style": desk.get_tone_style_display(),
        "spelling_checked": dictionary is not None,
        "handbook_url": reverse("portal_writing_desk:handbook"),
    }
    return context


def _report(request, page, *, fix_url: str = ""):
    return render(
        request, "portal_writing_desk/report.html", _report_context(page, fix_url=fix_url)
    )


@require_POST
def check_page(request, page_id: int):
    """The report on what an article's or document's editor holds now (POSTed by desk.js)."""
    page = _checked_page(page_id)
    if not access.may_edit_page(request.user, page):
        raise PermissionDenied
    page, valid = _read_form(request, page, page.get_parent())
    if page is None:
        return HttpResponseBadRequest(_("Không đọc được biểu mẫu."))
    may_fix = valid and access.may_save_page(request.user, page)
    fix_url = reverse("portal_writing_desk:fix", args=[page_id]) if may_fix else ""
    return _report(request, page, fix_url=fix_url)


@require_POST
def check_new_page(request, app_label: str, model_name: str, parent_id: int):
    """The report on a page not saved yet: the right to add under its parent is asked."""
    model = next(
        (
            m
            for m in drafts.CHECKED_MODELS
            if (m._meta.app_label, m._meta.model_name) == (app_label, model_name)
        ),
        None,
    )
    parent = _page_or_none(parent_id)
    if model is None or parent is None:
        raise Http404
    parent = parent.specific
    if not model.can_create_at(parent):
        raise Http404
    if not access.may_add_page_under(request.user, parent):
        raise PermissionDenied
    page, _valid = _read_form(request, model(), parent)
    if page is None:
        return HttpResponseBadRequest(_("Không đọc được biểu mẫu."))
    return _report(request, page)


@require_POST
def fix_tone_marks(request, page_id: int):
    """Saves the editor's form as a draft with every tone mark in the unit's style."""
    page = _checked_page(page_id)
    if not access.may_save_page(request.user, page):
        raise PermissionDenied
    form = _bound_form(request, page, page.get_parent())
    try:
        valid = form.is_valid()
    except _UNREADABLE_FORM:
        valid = False
    if not valid:
        return render(request, "portal_writing_desk/fix_refused.html", {"page": page}, status=400)
    page = form.save(commit=False)
    drafts.fix_tone_marks(page, DeskRules.current().tone_style)
    page.save_revision(user=request.user, log_action=True)
    messages.success(request, _("Đã sửa dấu thanh theo kiểu của đơn vị và lưu bản nháp."))
    return redirect("wagtailadmin_pages:edit", page_id)


def latest_revision_report(request, page_id: int):
    """The report on the latest saved revision: what the editor reviews."""
    page = _checked_page(page_id)
    if not access.may_edit_page(request.user, page):
        raise PermissionDenied
    context = _report_context(page)
    return render(request, "portal_writing_desk/revision_report.html", {"page": page, **context})


class RulesForm(forms.ModelForm):
    class Meta:
        model = DeskRules
        fields = [
            "tone_style",
            "title_min",
            "title_max",
            "lead_min",
            "lead_max",
            "watch_words",
            "accepted_words",
            "handbook",
        ]
        widgets = {
            "watch_words": forms.Textarea(attrs={"rows": 8}),
            "accepted_words": forms.Textarea(attrs={"rows": 6}),
            "handbook": DraftailRichTextArea(),
        }


def rules(request):
    access.require(request, access.MANAGE_WRITING_DESK)
    form = RulesForm(request.POST or None, instance=DeskRules.current())
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu quy định bàn viết."))
        return redirect("portal_writing_desk:rules")
    return render(request, "portal_writing_desk/rules.html", {"form": form})


def handbook(request):
    access.require(request, access.READ_HANDBOOK)
    return render(
        request,
        "portal_writing_desk/handbook.html",
        {
            "desk": DeskRules.current(),
            "may_edit": access.holds(request, access.MANAGE_WRITING_DESK),
        },
    )
