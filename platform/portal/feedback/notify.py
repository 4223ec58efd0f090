"""Telling the unit's editors that feedback arrived: after the row is committed, never before."""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from portal.accounts import roles

from .models import Feedback

logger = logging.getLogger(__name__)


def editor_addresses() -> list[str]:
    """E-mail addresses of the current unit's editors and site administrators."""
    users = get_user_model().objects.filter(
        groups__name__in=[roles.EDITOR, roles.SITE_ADMIN], is_active=True
    )
    return sorted({email for email in users.values_list("email", flat=True) if email})


def notify_editors_later(feedback: Feedback, unit_name: str) -> None:
    """Send the notice once the submission is committed; a failure only leaves notified=False."""
    transaction.on_commit(lambda: _notify(feedback.pk, unit_name))


def _notify(feedback_pk: int, unit_name: str) -> None:
    feedback = Feedback.objects.get(pk=feedback_pk)
    recipients = editor_addresses()
    if not recipients:
        return
    try:
        send_mail(
            _("[%(unit)s] Góp ý mới: %(subject)s")
            % {"unit": unit_name, "subject": feedback.subject},
            _("Có góp ý mới mã %(code)s đang chờ xử lý trong trang quản trị.")
            % {"code": feedback.tracking_code},
            None,
            recipients,
        )
    except Exception:  # mail is best effort: the submission itself is already stored
        logger.exception("Could not notify the editors of feedback %s.", feedback.tracking_code)
        return
    Feedback.objects.filter(pk=feedback_pk).update(notified=True)
