"""The audit log's one table, in the public schema; a trigger refuses UPDATE and DELETE."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One network-level action: who, when, from where, what, on which unit."""

    # Lives in the public schema, where Wagtail keeps no reference index.
    wagtail_reference_index_ignore = True

    occurred_at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    # No database constraint: an entry outlives the account it names.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField(
        _("tên người thực hiện"),
        max_length=255,
        help_text=_("Tên đăng nhập lúc thực hiện, hoặc os:<tài khoản hệ điều hành> khi chạy lệnh."),
    )
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    action = models.CharField(_("hành động"), max_length=64, db_index=True)
    unit_code = models.CharField(_("mã đơn vị"), max_length=64, blank=True, db_index=True)
    unit_name = models.CharField(_("tên đơn vị"), max_length=255, blank=True)
    target = models.CharField(_("đối tượng"), max_length=255, blank=True)
    details = models.JSONField(_("chi tiết"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("mục nhật ký quản trị")
        verbose_name_plural = _("nhật ký quản trị")

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit entries are never changed.")
        super().save(*args, **kwargs)
