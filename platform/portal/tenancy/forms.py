"""Forms of the network console."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Level, Unit


class UnitChoiceField(forms.ModelChoiceField):
    """Units listed in tree order, indented by depth."""

    def label_from_instance(self, unit):
        return f"{'— ' * (unit.depth - 1)}{unit.name} ({unit.code})"


def _parent_field(**kwargs):
    return UnitChoiceField(
        queryset=Unit.objects.select_related("level").order_by("path"),
        required=False,
        label=_("Đơn vị cấp trên"),
        help_text=_("Để trống nếu là đơn vị gốc (tỉnh, thành phố)."),
        **kwargs,
    )


class ProvisionUnitForm(forms.Form):
    name = forms.CharField(label=_("Tên đơn vị"), max_length=200)
    code = forms.CharField(
        label=_("Mã đơn vị"),
        max_length=40,
        help_text=_("Mã hành chính chính thức; chữ không dấu, số, '-' hoặc '_'."),
    )
    level = forms.ModelChoiceField(
        queryset=Level.objects.all(), to_field_name="code", label=_("Cấp"), empty_label=None
    )
    parent = _parent_field()
    domains = forms.CharField(
        label=_("Tên miền"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một tên miền; tên miền đầu tiên là tên miền chính."),
    )
    admin_email = forms.EmailField(
        label=_("Thư điện tử của quản trị viên đầu tiên"),
        required=False,
        help_text=_("Tài khoản được tạo nếu chưa có và nhận vai trò Quản trị viên của đơn vị."),
    )

    def domain_list(self) -> list[str]:
        raw = self.cleaned_data["domains"].replace(",", "\n")
        return [line.strip() for line in raw.splitlines() if line.strip()]


class EditUnitForm(forms.Form):
    name = forms.CharField(label=_("Tên đơn vị"), max_length=200)
    parent = _parent_field()

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        # A unit cannot move under itself or its own subtree.
        self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(
            path__startswith=unit.path
        )
