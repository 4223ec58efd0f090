"""The draft files' text, read when the page is saved so that visitors read it on the page."""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _

from portal.tenancy.storage import STORAGE_ERRORS, local_copy
from sites.importing import ImportProblem
from sites.importing.extract import read_text
from sites.importing.filetypes import FileKind

logger = logging.getLogger(__name__)
READABLE = (FileKind.PDF, FileKind.DOCX)


def read_drafts(drafts) -> list[str]:
    """Fill each draft's `text` from its document; the problems, one message per bad file."""
    problems = []
    for draft in drafts:
        document = draft.document if draft.document_id else None
        if document is None:
            continue
        try:
            # Read through the storage (local folder or bucket) into a temporary file.
            with local_copy(document.file) as path:
                kind, text = read_text(path)
        except (ImportProblem, ValueError) as error:
            problems.append(
                _("Tệp dự thảo “%(title)s”: %(error)s") % {"title": document.title, "error": error}
            )
            continue
        except STORAGE_ERRORS as error:
            logger.warning("Draft file %s could not be read: %s", document.file.name, error)
            problems.append(
                _(
                    "Không đọc được tệp dự thảo “%(title)s” từ kho lưu trữ tệp (tệp bị thiếu "
                    "hoặc kho không trả lời); hãy thử lại hoặc tải tệp lên lại."
                )
                % {"title": document.title}
            )
            continue
        if kind not in READABLE:
            problems.append(
                _("Tệp dự thảo “%(title)s” phải là PDF hoặc DOCX.") % {"title": document.title}
            )
            continue
        draft.text = "\n".join(line.rstrip() for line in text.splitlines()).strip()
    return problems
