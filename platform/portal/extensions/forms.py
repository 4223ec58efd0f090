"""The network administrator's form: one plugin, one action, many units at once."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.tenancy.models import Level, Unit

from . import registry

ACTION_CHOICES = [
    ("enable", _("Bật")),
    ("disable", _("Tắt (giữ dữ liệu)")),
    ("allow", _("Cho phép đơn vị tự bật")),
    ("disallow", _("Thu hồi quyền tự bật và tắt")),
]


class BulkActivationForm(forms.Form):
    """Apply one action to a plugin for a unit, or for its subtree, optionally of one level."""

    plugin = forms.ChoiceField(label=_("Mô-đun"))
    action = forms.ChoiceField(label=_("Thao tác"), choices=ACTION_CHOICES)
    root = forms.ModelChoiceField(
        label=_("Đơn vị"),
        queryset=Unit.objects.order_by("path"),
        help_text=_("Đơn vị áp dụng, hoặc gốc của nhánh nếu chọn cả các đơn vị trực thuộc."),
    )
    descendants = forms.BooleanField(
        label=_("Cả các đơn vị trực thuộc"),
        required=False,
        help_text=_("Áp dụng cho đơn vị đã chọn và mọi đơn vị bên dưới."),
    )
    level = forms.ModelChoiceField(
        label=_("Chỉ cấp"),
        queryset=Level.objects.all(),
        required=False,
        to_field_name="code",
        empty_label=_("Mọi cấp"),
        help_text=_("Ví dụ: chọn một huyện, đánh dấu cả đơn vị trực thuộc và chọn cấp xã."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plugin"].choices = [(p.label, p.meta.name) for p in registry.plugins()]
        self.fields["root"].label_from_instance = lambda unit: "— " * (unit.depth - 1) + unit.name
