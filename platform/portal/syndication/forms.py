"""Admin forms of syndication; choices are limited to what the acting unit may use."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.tenancy.models import Unit

from . import flows
from .models import FeedSubscription
from .sections import sections


class PublicationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.published_at:%d/%m/%Y})"


class ProposeForm(forms.Form):
    publication = PublicationChoiceField(queryset=None, label=_("Tin đề xuất"))
    note = forms.CharField(
        label=_("Lời nhắn"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, unit: Unit, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publication"].queryset = flows.own_publications(unit)


def section_slug_choices():
    return [(page.slug, page.title) for page in sections()]


class AcceptForm(forms.Form):
    section_slug = forms.ChoiceField(label=_("Đăng vào chuyên mục"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section_slug"].choices = section_slug_choices()


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do từ chối"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do ẩn"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class DirectiveForm(forms.Form):
    publication = PublicationChoiceField(queryset=None, label=_("Tin chỉ đạo"))
    targets = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Đơn vị nhận"),
        help_text=_("Để trống: gửi tới mọi đơn vị cấp dưới."),
        widget=forms.CheckboxSelectMultiple,
    )
    section_slug = forms.SlugField(
        label=_("Chuyên mục đăng"),
        initial="tin-tuc-su-kien",
        help_text=_("Đường dẫn (slug) của chuyên mục trên cổng của đơn vị nhận."),
    )
    mandatory = forms.BooleanField(label=_("Bắt buộc đăng"), required=False)
    note = forms.CharField(
        label=_("Lời nhắn"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, unit: Unit, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publication"].queryset = flows.own_publications(unit)
        self.fields["targets"].queryset = flows.units_below(unit)


class SubscriptionForm(forms.ModelForm):
    section = forms.TypedChoiceField(label=_("Chuyên mục"), coerce=int, choices=())
    url = forms.URLField(
        label=_("Địa chỉ nguồn tin"),
        max_length=1000,
        assume_scheme="https",
        help_text=_("Địa chỉ RSS hoặc Atom."),
    )

    class Meta:
        model = FeedSubscription
        fields = ["name", "url", "max_items", "enabled"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.section_titles = {page.pk: page.title for page in sections()}
        self.fields["section"].choices = list(self.section_titles.items())
        if self.instance.pk:
            self.fields["section"].initial = self.instance.section_id

    def clean_max_items(self):
        value = self.cleaned_data["max_items"]
        if not 1 <= value <= 20:
            raise forms.ValidationError(_("Số tin hiển thị phải từ 1 đến 20."))
        return value

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(
                _("Địa chỉ nguồn tin phải bắt đầu bằng http:// hoặc https://.")
            )
        return url

    def apply_section(self, subscription: FeedSubscription) -> None:
        subscription.section_id = self.cleaned_data["section"]
        subscription.section_title = self.section_titles[subscription.section_id]
