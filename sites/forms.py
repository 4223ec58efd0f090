"""Admin forms of the portal content."""

from django.core.exceptions import ValidationError
from wagtail.documents.forms import BaseDocumentForm

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
