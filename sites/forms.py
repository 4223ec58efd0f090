"""Admin forms of the portal content."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm
from wagtailmedia.forms import BaseMediaForm

from . import uploads
from .importing import filetypes


class RefusedFileMixin:
    """One message for a refused file. The model's clean() checks the extension of the file
    the instance holds; after this form refused the upload that is none, and Django would add
    "extension “” is not allowed" to the real reason. A form with a refused file is shown
    again anyway, so the model is not asked then."""

    file_fields = ("file",)

    def _post_clean(self):
        if any(self.has_error(name) for name in self.file_fields if name in self.fields):
            return
        super()._post_clean()


class CheckedDocumentForm(RefusedFileMixin, BaseDocumentForm):
    """Document uploads are accepted by content (PDF, DOCX, UTF-8 text), not by name alone."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "seek"):
            try:
                filetypes.check(upload, upload.name)
            except filetypes.UnacceptableFile as error:
                raise ValidationError(str(error)) from error
        return upload


class CheckedMediaForm(RefusedFileMixin, BaseMediaForm):
    """Audio and video (and their thumbnails) are accepted by content and size, not by name."""

    file_fields = ("file", "thumbnail")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):  # not when the stored file is kept
            uploads.check(upload, uploads.MEDIA_CONTENT, uploads.media_max_bytes())
        return upload

    def clean_thumbnail(self):
        upload = self.cleaned_data.get("thumbnail")
        if isinstance(upload, UploadedFile):
            uploads.check(upload, uploads.THUMBNAIL_CONTENT, uploads.thumbnail_max_bytes())
        return upload
