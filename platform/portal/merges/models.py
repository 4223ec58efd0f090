"""The record of merges (public schema): which unit went into which, and its old addresses."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MergedUnit(models.Model):
    """A unit that was merged into another and archived; at most one merge per unit."""

    wagtail_reference_index_ignore = True

    unit = models.OneToOneField(
        "portal_tenancy.Unit",
        on_delete=models.CASCADE,
        related_name="merge_record",
        verbose_name=_("đơn vị đã sáp nhập"),
    )
    survivor = models.ForeignKey(
        "portal_tenancy.Unit",
        on_delete=models.PROTECT,
        related_name="absorbed",
        verbose_name=_("đơn vị tiếp nhận"),
    )
    merged_at = models.DateTimeField(_("thời điểm sáp nhập"), auto_now_add=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    counts = models.JSONField(
        _("số lượng đã chuyển"),
        default=dict,
        help_text=_("Trang, văn bản, ảnh, tệp, biên tập viên."),
    )

    class Meta:
        verbose_name = _("đơn vị đã sáp nhập")
        verbose_name_plural = _("đơn vị đã sáp nhập")

    def __str__(self) -> str:
        return f"{self.unit} -> {self.survivor}"


class MergeRedirect(models.Model):
    """An address of the merged unit's portal and where it now lives on the survivor's."""

    wagtail_reference_index_ignore = True

    merged = models.ForeignKey(
        MergedUnit, on_delete=models.CASCADE, related_name="redirects", verbose_name=_("sáp nhập")
    )
    old_path = models.CharField(_("đường dẫn cũ"), max_length=1000)
    new_path = models.CharField(_("đường dẫn mới"), max_length=1000)

    class Meta:
        verbose_name = _("chuyển hướng sau sáp nhập")
        verbose_name_plural = _("chuyển hướng sau sáp nhập")
        constraints = [
            models.UniqueConstraint(
                fields=["merged", "old_path"], name="merge_redirect_unique_path"
            )
        ]

    def __str__(self) -> str:
        return f"{self.old_path} -> {self.new_path}"
