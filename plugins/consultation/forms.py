"""The comment form citizens fill in, behind the feedback form's spam trap."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.feedback.forms import SpamTrapForm

from .choices import MAX_COMMENT_LENGTH

# Pasted text may carry control characters that no workbook or Word file can hold.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class CommentForm(SpamTrapForm):
    """A comment on one section of the draft (`sections`), or on the whole (none chosen).

    The section choices are read when the form is made, so it renders in any schema.
    """

    SENDER_FIELDS = ("text", "name", "organisation", "email", "phone")

    section = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Góp ý vào phần"), empty_label=_("Toàn văn dự thảo")
    )
    text = forms.CharField(
        label=_("Nội dung góp ý"),
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": MAX_COMMENT_LENGTH}),
    )
    name = forms.CharField(label=_("Họ và tên"), max_length=120)
    organisation = forms.CharField(
        label=_("Cơ quan, tổ chức"),
        max_length=200,
        required=False,
        help_text=_("Không bắt buộc; ví dụ: Chi bộ thôn Đông, Hội Nông dân xã."),
    )
    email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        help_text=_("Không bắt buộc; để ban soạn thảo liên hệ khi cần."),
    )
    phone = forms.CharField(
        label=_("Điện thoại"), max_length=20, required=False, help_text=_("Không bắt buộc.")
    )

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["section"]
        field.queryset = sections
        field.widget.choices = [("", field.empty_label)] + [(s.pk, str(s)) for s in sections]

    def clean(self):
        cleaned = super().clean()
        for name in ("text", "name", "organisation", "phone"):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = CONTROL_CHARACTERS.sub("", cleaned[name]).strip()
        if "text" in cleaned and not cleaned["text"]:
            self.add_error("text", _("Hãy nhập nội dung góp ý."))
        if "name" in cleaned and not cleaned["name"]:
            self.add_error("name", _("Hãy cho biết họ và tên."))
        return cleaned
