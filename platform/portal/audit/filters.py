"""The filters of the audit log's page."""

from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import actions


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Hành động"),
        required=False,
        choices=[("", _("Tất cả"))] + [(name, label) for name, label in actions.LABELS.items()],
    )
    unit = forms.CharField(label=_("Mã đơn vị"), required=False, max_length=64)
    actor = forms.CharField(label=_("Người thực hiện"), required=False, max_length=255)
    since = forms.DateField(
        label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("Ngày bắt đầu phải trước ngày kết thúc."))
        return data

    def apply(self, entries):
        """The entries matching the valid filters (all of them if the form is invalid)."""
        if not self.is_valid():
            return entries
        data = self.cleaned_data
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["unit"]:
            entries = entries.filter(unit_code__iexact=data["unit"].strip())
        if data["actor"]:
            entries = entries.filter(actor_name__icontains=data["actor"].strip())
        zone = timezone.get_current_timezone()
        if data["since"]:
            entries = entries.filter(
                occurred_at__gte=datetime.combine(data["since"], time.min, tzinfo=zone)
            )
        if data["until"]:
            entries = entries.filter(
                occurred_at__lte=datetime.combine(data["until"], time.max, tzinfo=zone)
            )
        return entries
