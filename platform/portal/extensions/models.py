"""Which plugins each unit may use and uses: one row per (unit, plugin), in the public schema."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.tenancy.models import Unit


class PluginActivation(models.Model):
    """A plugin's state in one unit: allowed by the network, active or not.

    Rows are never deleted when a plugin is turned off: `active` turns false
    and the plugin's data in the unit's schema stays where it was.
    """

    wagtail_reference_index_ignore = True

    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        related_name="plugin_activations",
        verbose_name=_("đơn vị"),
    )
    plugin = models.CharField(
        _("mô-đun"), max_length=100, help_text=_("Nhãn ứng dụng của mô-đun, ví dụ plugin_mttq.")
    )
    allowed = models.BooleanField(
        _("được phép"),
        default=False,
        help_text=_("Quản trị viên của đơn vị được tự bật mô-đun này."),
    )
    active = models.BooleanField(_("đang bật"), default=False)
    changed_at = models.DateTimeField(_("thay đổi lúc"), auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người thay đổi"),
    )

    class Meta:
        verbose_name = _("trạng thái mô-đun")
        verbose_name_plural = _("trạng thái mô-đun")
        constraints = [
            models.UniqueConstraint(fields=["unit", "plugin"], name="plugin_activation_unique"),
        ]
        indexes = [models.Index(fields=["plugin", "active"], name="plugin_activation_active")]

    def __str__(self) -> str:
        return f"{self.plugin} @ {self.unit_id}: {'on' if self.active else 'off'}"
