"""The moderation queue in the unit's admin: list, read, answer, publish or reject."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.accounts import access

from .models import Feedback, FeedbackStatus


class AnswerForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["status", "answer", "is_published", "public_question"]
        widgets = {
            "answer": forms.Textarea(attrs={"rows": 8}),
            "public_question": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == FeedbackStatus.ANSWERED
            and not cleaned.get("answer", "").strip()
        ):
            self.add_error("answer", gettext_lazy("Hãy nhập nội dung trả lời."))
        if cleaned.get("is_published") and cleaned.get("status") != FeedbackStatus.ANSWERED:
            self.add_error("is_published", gettext_lazy("Chỉ công khai được góp ý đã trả lời."))
        return cleaned


def queue(request):
    access.require(request, access.MODERATE_FEEDBACK)
    status = request.GET.get("status", FeedbackStatus.NEW)
    items = Feedback.objects.all()
    if status in FeedbackStatus.values:
        items = items.filter(status=status)
    page = Paginator(items, 30).get_page(request.GET.get("p"))
    return render(
        request,
        "portal_feedback/admin/queue.html",
        {
            "items": page,
            "status": status,
            "statuses": [
                (value, label, Feedback.objects.filter(status=value).count())
                for value, label in FeedbackStatus.choices
            ],
            "show_sender": access.holds(request, access.SEE_FEEDBACK_SENDER),
        },
    )


def answer(request, pk: int):
    feedback = access.access_object(request, Feedback.objects, read=access.MODERATE_FEEDBACK, pk=pk)
    form = AnswerForm(request.POST or None, instance=feedback)
    if request.method == "POST" and form.is_valid():
        feedback = form.save(commit=False)
        if feedback.status == FeedbackStatus.ANSWERED and "answer" in form.changed_data:
            feedback.answered_at = timezone.now()
            feedback.answered_by = request.user
        feedback.save()
        messages.success(request, _("Đã lưu góp ý %(code)s.") % {"code": feedback.tracking_code})
        return redirect("portal_feedback_admin:queue")
    return render(
        request,
        "portal_feedback/admin/answer.html",
        {
            "feedback": feedback,
            "form": form,
            "show_sender": access.holds(request, access.SEE_FEEDBACK_SENDER),
        },
    )
