"""The brief's admin form: a .vtt upload fills the captions; ffmpeg fills poster and duration."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from . import posters

MAX_CAPTIONS_BYTES = 512 * 1024


class VideoBriefForm(WagtailAdminPageForm):
    captions_file = forms.FileField(
        label=_("Tải tệp phụ đề (.vtt)"),
        required=False,
        help_text=_("Thay nội dung ô phụ đề bằng tệp này (UTF-8, tối đa 512 KB)."),
    )

    def clean_captions_file(self):
        upload = self.cleaned_data.get("captions_file")
        if not upload:
            return None
        if not upload.name.lower().endswith(".vtt") or upload.size > MAX_CAPTIONS_BYTES:
            raise forms.ValidationError(_("Chỉ nhận tệp .vtt, tối đa 512 KB."))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("Tệp phụ đề phải được mã hóa UTF-8.")) from None
        if not text.startswith("WEBVTT"):  # the format's required first line
            raise forms.ValidationError(_("Tệp phụ đề không phải WebVTT (thiếu dòng WEBVTT)."))
        return text

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("captions_file"):
            cleaned["captions"] = cleaned["captions_file"]
            self.instance.captions = cleaned["captions"]
        video = cleaned.get("video")
        if self.errors or video is None:
            return cleaned
        if not cleaned.get("duration"):
            cleaned["duration"] = posters.duration_of(video)
        if not cleaned.get("poster"):
            cleaned["poster"] = posters.poster_from(video, self.for_user)
            if cleaned["poster"] is None:
                self.add_error(
                    "poster",
                    _(
                        "Chưa lấy được ảnh bìa từ video (máy chủ không có "
                        "ffmpeg hoặc tệp lỗi): hãy tải ảnh bìa lên."
                    ),
                )
        return cleaned
