"""The moderation queue in the unit's admin: consultations, their comments by section and by
portal, publish / hide / answer, and the exports for the drafting committee."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts import access

from . import exports
from .choices import CommentStatus
from .models import Comment, ConsultationPage

RIGHT = access.MODERATE_FEEDBACK
PER_PAGE = 100


class ModerationForm(forms.ModelForm):
    """The editor's decision on one comment: published or hidden, and an optional answer."""

    class Meta:
        model = Comment
        fields = ["status", "answer"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 4})}


def consultations(request):
    access.require(request, RIGHT)
    items = (
        ConsultationPage.objects.order_by("-closes_at")
        .annotate(
            total=Count("comments"),
            waiting=Count("comments", filter=Q(comments__status=CommentStatus.NEW)),
        )
        .order_by("-closes_at")
    )
    return render(request, "plugin_consultation/admin/consultations.html", {"consultations": items})


def counts_by_section(consultation) -> list[tuple[str, int, int]]:
    """(section, comments, waiting) for each section, the whole draft last, in draft order."""
    rows = []
    per_section = dict(
        consultation.comments.values_list("section_label")
        .annotate(n=Count("pk"))
        .values_list("section_label", "n")
    )
    waiting = dict(
        consultation.comments.filter(status=CommentStatus.NEW)
        .values_list("section_label")
        .annotate(n=Count("pk"))
        .values_list("section_label", "n")
    )
    labels = [str(section) for section in consultation.sections.all()]
    labels += [label for label in per_section if label and label not in labels]
    for label in [*labels, ""]:
        rows.append(
            (label or _("Toàn văn dự thảo"), per_section.get(label, 0), waiting.get(label, 0))
        )
    return rows


def queue(request, page_id: int):
    consultation = access.access_object(request, ConsultationPage.objects, read=RIGHT, pk=page_id)
    comments = consultation.comments.select_related("section", "answered_by")
    status = request.GET.get("status", "")
    if status in CommentStatus.values:
        comments = comments.filter(status=status)
    unit = request.GET.get("don-vi", "")
    if unit:
        comments = comments.filter(unit_code=unit[:40])
    units = (
        consultation.comments.values_list("unit_code", "unit_name")
        .annotate(n=Count("pk"))
        .order_by("unit_name")
    )
    return render(
        request,
        "plugin_consultation/admin/queue.html",
        {
            "consultation": consultation,
            "comments": [
                (c, ModerationForm(instance=c, prefix=f"c{c.pk}")) for c in comments[:PER_PAGE]
            ],
            "truncated": comments.count() > PER_PAGE,
            "status": status,
            "unit": unit,
            "statuses": CommentStatus.choices,
            "units": units,
            "sections": counts_by_section(consultation),
            "show_sender": access.holds(request, access.SEE_FEEDBACK_SENDER),
        },
    )


@require_POST
def moderate(request, pk: int):
    comment = access.access_object(request, Comment.objects, read=RIGHT, pk=pk)
    form = ModerationForm(request.POST, instance=comment, prefix=f"c{comment.pk}")
    if not form.is_valid():
        messages.error(
            request,
            _("Không lưu được góp ý %(code)s: %(errors)s")
            % {
                "code": comment.code,
                "errors": " ".join(str(e) for errors in form.errors.values() for e in errors),
            },
        )
        return redirect("plugin_consultation_admin:queue", page_id=comment.consultation_id)
    comment = form.save(commit=False)
    if "answer" in form.changed_data:
        comment.answered_at = timezone.now() if comment.answer.strip() else None
        comment.answered_by = request.user if comment.answer.strip() else None
    comment.save()
    messages.success(request, _("Đã lưu góp ý %(code)s.") % {"code": comment.code})
    return redirect("plugin_consultation_admin:queue", page_id=comment.consultation_id)


def _download(content: bytes, consultation, extension: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    name = slugify(consultation.slug)[:60] or "du-thao"
    response["Content-Disposition"] = f'attachment; filename="gop-y-{name}.{extension}"'
    return response


def export_xlsx(request, page_id: int):
    consultation = access.access_object(request, ConsultationPage.objects, read=RIGHT, pk=page_id)
    content = exports.comments_xlsx(
        consultation, with_contacts=access.holds(request, access.SEE_FEEDBACK_SENDER)
    )
    return _download(content, consultation, "xlsx", exports.XLSX_TYPE)


def export_docx(request, page_id: int):
    consultation = access.access_object(request, ConsultationPage.objects, read=RIGHT, pk=page_id)
    content = exports.summary_docx(consultation, counts_by_section(consultation))
    return _download(content, consultation, "docx", exports.DOCX_TYPE)
