from django import forms
from django.utils.translation import gettext_lazy as _

from .models import IntakeToken


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Tên kết nối"),
        max_length=IntakeToken._meta.get_field("name").max_length,
        help_text=_("Ví dụ: Hệ thống quản lý văn bản IDOC."),
    )


class TrustRootForm(forms.Form):
    certificate = forms.FileField(
        label=_("Tệp chứng thư gốc (PEM hoặc DER)"),
        help_text=_("Chứng thư gốc của tổ chức cung cấp dịch vụ chứng thực chữ ký số."),
    )

    MAX_BYTES = 256 * 1024

    def clean_certificate(self):
        upload = self.cleaned_data["certificate"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("Tệp chứng thư quá lớn."))
        return upload.read()
