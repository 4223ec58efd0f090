"""The intake's rows, all in the public schema: API tokens, trusted roots, signature checks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.tenancy.models import Unit


class IntakeToken(models.Model):
    """A secret with which one unit's document-management system pushes documents.

    Only the SHA-256 of the secret is kept; the secret is shown once, when made.
    """

    wagtail_reference_index_ignore = True

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="intake_tokens", verbose_name=_("đơn vị")
    )
    name = models.CharField(
        _("tên"), max_length=100, help_text=_("Ví dụ: Hệ thống quản lý văn bản IDOC.")
    )
    token_hash = models.CharField(_("mã băm"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("tiền tố"), max_length=16, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("mã kết nối")
        verbose_name_plural = _("mã kết nối")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class TrustRoot(models.Model):
    """A root certificate the network trusts for signed documents (added by the operator)."""

    wagtail_reference_index_ignore = True

    subject = models.CharField(_("chủ thể"), max_length=500)
    fingerprint = models.CharField(
        _("dấu vân tay SHA-256"), max_length=64, unique=True, editable=False
    )
    pem = models.TextField(_("chứng thư (PEM)"))
    not_after = models.DateTimeField(_("hết hạn"))
    added_at = models.DateTimeField(_("thêm lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("chứng thư gốc tin cậy")
        verbose_name_plural = _("chứng thư gốc tin cậy")
        ordering = ["subject", "pk"]

    def __str__(self) -> str:
        return self.subject


class SignatureStatus(models.TextChoices):
    VALID = "valid", _("Chữ ký hợp lệ")
    TAMPERED = "tampered", _("Văn bản đã bị thay đổi sau khi ký")
    UNTRUSTED = "untrusted", _("Không xác minh được nguồn chứng thư")


class DocumentSignatureQuerySet(models.QuerySet):
    def mark(self) -> int:
        """Have the worker (re)check these files; returns how many rows were marked."""
        return self.update(pending=True, generation=models.F("generation") + 1)


class DocumentSignature(models.Model):
    """What the worker found in one file (a wagtaildocs Document of a unit).

    `pending` marks a file the worker has still to read: a new file, or every
    signed file when the trust store changes. `status` is blank for a file
    without a signature (or not a PDF).
    """

    wagtail_reference_index_ignore = True

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    document_id = models.PositiveBigIntegerField(_("mã tệp"))
    status = models.CharField(
        _("chữ ký số"), max_length=12, choices=SignatureStatus.choices, blank=True
    )
    signer = models.CharField(_("người ký số"), max_length=300, blank=True)
    signed_at = models.DateTimeField(_("ký lúc"), null=True, blank=True)
    pending = models.BooleanField(_("chờ kiểm tra"), default=True)
    # Bumped by every mark: the worker stores its finding only for the mark it read.
    generation = models.PositiveIntegerField(default=1)
    checked_at = models.DateTimeField(_("kiểm tra lúc"), null=True, blank=True)

    objects = DocumentSignatureQuerySet.as_manager()

    class Meta:
        verbose_name = _("chữ ký số của tệp")
        verbose_name_plural = _("chữ ký số của tệp")
        constraints = [
            models.UniqueConstraint(fields=["unit", "document_id"], name="signature_per_document")
        ]
        indexes = [
            models.Index(
                fields=["unit", "document_id"], condition=Q(pending=True), name="signature_queue"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.document_id}: {self.status or '-'}"
