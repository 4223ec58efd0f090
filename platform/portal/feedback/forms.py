"""The public feedback form, with its honeypot and fill-time fields."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from . import spam
from .models import Feedback

FILL_TIME_MESSAGES = {
    "fast": _("Biểu mẫu được gửi quá nhanh. Vui lòng kiểm tra lại nội dung rồi bấm Gửi lần nữa."),
    "expired": _("Biểu mẫu đã mở quá lâu. Nội dung vẫn còn đây, vui lòng bấm Gửi lần nữa."),
    "invalid": _("Biểu mẫu không hợp lệ. Vui lòng bấm Gửi lần nữa."),
}


class SpamTrapForm(forms.Form):
    """The honeypot (`website`, never seen by people) and the signed start time of every
    public form citizens send (feedback, comments on drafts); mix in before ModelForm."""

    website = forms.CharField(
        required=False,
        label=_("Để trống ô này"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fill_time_problem: str | None = None
        if not self.is_bound:
            self.initial["started"] = spam.start_token()

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Không gửi được nội dung này."))
        return ""

    def clean(self):
        cleaned = super().clean()
        problem = spam.fill_time_problem(self.data.get("started", ""))
        if problem:
            self.fill_time_problem = problem
            raise forms.ValidationError(FILL_TIME_MESSAGES[problem])
        return cleaned

    def fresh_start(self) -> None:
        """Give a re-shown form a new start time, keeping everything the citizen typed."""
        self.data = self.data.copy()
        self.data["started"] = spam.start_token()


class FeedbackForm(SpamTrapForm, forms.ModelForm):
    """What a citizen fills in, behind the spam trap."""

    class Meta:
        model = Feedback
        fields = [
            "kind",
            "sender_name",
            "sender_email",
            "sender_phone",
            "sender_address",
            "subject",
            "message",
        ]
        widgets = {"message": forms.Textarea(attrs={"rows": 8, "maxlength": 5000})}

    def clean(self):
        if not self.cleaned_data.get("sender_email") and not self.cleaned_data.get("sender_phone"):
            self.add_error(
                "sender_email", _("Vui lòng cho biết thư điện tử hoặc số điện thoại để liên hệ.")
            )
        return super().clean()


class LookupForm(forms.Form):
    code = forms.CharField(label=_("Mã tra cứu"), max_length=20)

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()
