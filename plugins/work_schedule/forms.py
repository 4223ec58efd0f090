"""The admin form of a schedule item: records what changed once its week is published."""

from __future__ import annotations

from wagtail.admin.forms import WagtailAdminModelForm

from . import changes
from .models import Leader


class ScheduleItemForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.before = changes.snapshot(self.instance)
        self.fields["leaders"].queryset = Leader.objects.filter(
            active=True
        ) | Leader.objects.filter(pk__in=self.instance.leaders.all() if self.instance.pk else [])

    def save(self, commit=True):
        item = super().save(commit=commit)
        if commit:
            changes.record(item, self.before)
        return item
