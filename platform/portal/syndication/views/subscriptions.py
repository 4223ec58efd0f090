"""External feeds a unit's sections subscribe to, with each feed's latest problem in view."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import audit
from ..fetching import fetch
from ..forms import SubscriptionForm
from ..models import FeedSubscription
from .common import editor_required

# "Fetch now" is a button: a burst of clicks must not hammer someone else's server.
FETCH_NOW_INTERVAL = datetime.timedelta(minutes=1)


@editor_required
def index(request, unit):
    subscriptions = FeedSubscription.objects.filter(unit=unit)
    return TemplateResponse(
        request,
        "portal_syndication/admin/subscriptions.html",
        {
            "subscriptions": subscriptions,
            "problems": sum(1 for s in subscriptions if s.has_problem),
        },
    )


def _save(request, unit, form, action: str):
    subscription = form.save(commit=False)
    subscription.unit = unit
    form.apply_section(subscription)
    try:
        with transaction.atomic():
            subscription.save()
    except IntegrityError:
        form.add_error("url", _("Chuyên mục này đã đăng ký nguồn tin này."))
        return None
    audit.record(subscription, action, request.user, url=subscription.url)
    return subscription


@editor_required
def edit(request, unit, pk: int | None = None):
    instance = get_object_or_404(FeedSubscription, pk=pk, unit=unit) if pk else None
    form = SubscriptionForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        action = "portal_syndication.edit_subscription" if pk else "portal_syndication.subscribe"
        if _save(request, unit, form, action) is not None:
            messages.success(request, _("Đã lưu nguồn tin. Tin sẽ được lấy về trong vài phút."))
            return redirect("syndication_admin:subscriptions")
    return TemplateResponse(
        request,
        "portal_syndication/admin/subscription_form.html",
        {"form": form, "subscription": instance},
    )


@require_POST
@editor_required
def delete(request, unit, pk: int):
    subscription = get_object_or_404(FeedSubscription, pk=pk, unit=unit)
    audit.record(subscription, "portal_syndication.unsubscribe", request.user, url=subscription.url)
    subscription.delete()
    messages.success(request, _("Đã xóa nguồn tin."))
    return redirect("syndication_admin:subscriptions")


@require_POST
@editor_required
def fetch_now(request, unit, pk: int):
    subscription = get_object_or_404(FeedSubscription, pk=pk, unit=unit)
    if (
        subscription.last_checked_at
        and timezone.now() - subscription.last_checked_at < FETCH_NOW_INTERVAL
    ):
        messages.warning(request, _("Nguồn tin vừa được kiểm tra; hãy thử lại sau một phút."))
        return redirect("syndication_admin:subscriptions")
    result = fetch(subscription)
    if result.error:
        messages.error(
            request,
            _("Không lấy được tin: %(error)s") % {"error": result.error.text(get_language())},
        )
    else:
        messages.success(request, _("Đã lấy tin: %(count)s tin mới.") % {"count": result.new_items})
    return redirect("syndication_admin:subscriptions")
