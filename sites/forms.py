"""Admin forms of the portal content."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm
from wagtailmedia.forms import BaseMediaForm

from . import uploads
from .importing import filetypes


class CheckedDocumentForm(BaseDocumentForm):
    """Document uploads are accepted by content (PDF, DOCX, UTF-8 text), not by name alone."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "seek"):
            try:
                filetypes.check(upload, upload.name)
            except filetypes.UnacceptableFile as error:
                raise ValidationError(str(error)) from error
        return upload


class CheckedMediaForm(BaseMediaForm):
    """Audio and video (and their thumbnails) are accepted by content and size, not by name."""

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
