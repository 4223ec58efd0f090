"""The merge form of the network console."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.tenancy.forms import UnitChoiceField
from portal.tenancy.models import Unit, UnitStatus


class UnitsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, unit):
        return f"{'— ' * (unit.depth - 1)}{unit.name} ({unit.code})"


def _active_units():
    return Unit.objects.filter(status=UnitStatus.ACTIVE).select_related("level").order_by("path")


class MergeForm(forms.Form):
    survivor = UnitChoiceField(
        queryset=_active_units(),
        to_field_name="code",
        label=_("Đơn vị tiếp nhận"),
        help_text=_("Đơn vị còn lại sau sáp nhập; nội dung và biên tập viên được chuyển về đây."),
    )
    merged = UnitsChoiceField(
        queryset=_active_units(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        label=_("Các đơn vị sáp nhập"),
        help_text=_("Các đơn vị này được lưu trữ sau khi chuyển toàn bộ nội dung."),
    )

    def codes(self) -> tuple[str, list[str]]:
        return self.cleaned_data["survivor"].code, [
            unit.code for unit in self.cleaned_data["merged"]
        ]
