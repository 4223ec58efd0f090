"""A citizen's feedback to one unit, and the editors' answer.

Stored in the unit's schema: no other unit can read it. The sender's personal
data (name, e-mail, phone, address) is shown only to the unit's editors and
site administrators (see `portal.accounts.access.SEE_FEEDBACK_SENDER`).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# No 0/O, 1/I/L: codes are read aloud and copied by hand.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10


def new_tracking_code(prefix: str = "GY") -> str:
    """A random code like "GY-7K3M9-QXAP2" (about 50 bits): the sender's key to the answer."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{prefix}-{raw[:5]}-{raw[5:]}"


class FeedbackKind(models.TextChoices):
    SUGGESTION = "gop-y", _("Góp ý")
    COMPLAINT = "phan-anh", _("Phản ánh")
    QUESTION = "hoi", _("Hỏi đáp")


class FeedbackStatus(models.TextChoices):
    NEW = "new", _("Chờ xử lý")
    ANSWERED = "answered", _("Đã trả lời")
    REJECTED = "rejected", _("Không xử lý")


class FeedbackQuerySet(models.QuerySet):
    def published(self):
        """Questions and answers the editors chose to show on the portal."""
        return self.filter(status=FeedbackStatus.ANSWERED, is_published=True).order_by(
            "-answered_at", "-pk"
        )


class Feedback(models.Model):
    """One submission from the public form, with its moderation state and answer."""

    tracking_code = models.CharField(
        _("mã tra cứu"), max_length=20, unique=True, default=new_tracking_code, editable=False
    )
    kind = models.CharField(
        _("loại"), max_length=10, choices=FeedbackKind.choices, default=FeedbackKind.SUGGESTION
    )
    sender_name = models.CharField(_("họ và tên"), max_length=120)
    sender_email = models.EmailField(_("thư điện tử"), blank=True)
    sender_phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    sender_address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=200)
    message = models.TextField(_("nội dung"), max_length=5000)
    page_id = models.PositiveBigIntegerField(
        _("mã trang liên quan"), null=True, blank=True, help_text=_("Bài viết được góp ý, nếu có.")
    )
    page_title = models.CharField(_("trang liên quan"), max_length=255, blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    notified = models.BooleanField(
        _("đã báo biên tập viên"),
        default=False,
        help_text=_("Thư báo đã gửi được cho biên tập viên."),
    )

    status = models.CharField(
        _("trạng thái"), max_length=10, choices=FeedbackStatus.choices, default=FeedbackStatus.NEW
    )
    answer = models.TextField(_("trả lời"), blank=True, help_text=_("Nội dung trả lời người gửi."))
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người trả lời"),
    )
    is_published = models.BooleanField(
        _("công khai hỏi đáp"),
        default=False,
        help_text=_("Hiện câu hỏi (không kèm thông tin cá nhân) và câu trả lời trên cổng."),
    )
    public_question = models.TextField(
        _("câu hỏi công khai"),
        blank=True,
        help_text=_("Nội dung câu hỏi khi công khai; để trống thì dùng nguyên văn."),
    )

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("góp ý")
        verbose_name_plural = _("góp ý")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["status", "-submitted_at"], name="feedback_queue")]

    def __str__(self) -> str:
        return f"{self.tracking_code}: {self.subject}"

    @property
    def shown_question(self) -> str:
        return self.public_question or self.message
