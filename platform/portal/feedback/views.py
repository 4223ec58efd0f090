"""The public side: the form, the tracking page and the published questions and answers."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.models import Page

from . import notify, spam
from .forms import FeedbackForm, LookupForm
from .models import Feedback, FeedbackStatus


def _related_page(request) -> Page | None:
    """The live page the feedback is about (`?trang=<id>`), if any."""
    raw = request.GET.get("trang") or request.POST.get("trang")
    if not raw or not str(raw).isdigit():
        return None
    return Page.objects.live().filter(pk=int(raw), depth__gt=2).first()


@never_cache
def feedback_form(request):
    page = _related_page(request)
    if request.method != "POST":
        return render(request, "portal_feedback/form.html", {"form": FeedbackForm(), "about": page})
    if not spam.allow_submission(request):
        return render(request, "portal_feedback/too_many.html", status=429)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        if form.fill_time_problem in ("expired", "invalid"):
            form.fresh_start()
        return render(
            request, "portal_feedback/form.html", {"form": form, "about": page}, status=400
        )
    with transaction.atomic():
        feedback = form.save(commit=False)
        if page is not None:
            feedback.page_id, feedback.page_title = page.pk, page.title
        feedback.save()
        notify.notify_editors_later(feedback, request.tenant.name)
    return redirect("portal_feedback:track", code=feedback.tracking_code)


@never_cache
def lookup(request):
    form = LookupForm(request.GET or None)
    if form.is_valid():
        if not spam.allow_lookup(request):
            return render(request, "portal_feedback/too_many.html", status=429)
        feedback = Feedback.objects.filter(tracking_code=form.cleaned_data["code"]).first()
        if feedback is not None:
            return redirect("portal_feedback:track", code=feedback.tracking_code)
        form.add_error("code", _("Không tìm thấy góp ý với mã này. Vui lòng kiểm tra lại."))
    return render(
        request,
        "portal_feedback/lookup.html",
        {"form": form},
        status=200 if not form.errors else 404,
    )


@never_cache
def track(request, code: str):
    if not spam.allow_lookup(request):
        return render(request, "portal_feedback/too_many.html", status=429)
    feedback = get_object_or_404(Feedback, tracking_code=code.upper())
    return render(
        request,
        "portal_feedback/track.html",
        {"feedback": feedback, "answered": feedback.status == FeedbackStatus.ANSWERED},
    )


def questions_and_answers(request):
    pages = Paginator(Feedback.objects.published(), 20)
    return render(
        request,
        "portal_feedback/answers.html",
        {"answers": pages.get_page(request.GET.get("trang-so"))},
    )
