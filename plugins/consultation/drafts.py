"""The draft files' text, read when the page is saved so that visitors read it on the page."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from sites.importing import ImportProblem
from sites.importing.extract import read_text
from sites.importing.filetypes import FileKind

READABLE = (FileKind.PDF, FileKind.DOCX)


def read_drafts(drafts) -> list[str]:
    """Fill each draft's `text` from its document; the problems, one message per bad file."""
    problems = []
    for draft in drafts:
        document = draft.document if draft.document_id else None
        if document is None:
            continue
        try:
            kind, text = read_text(Path(document.file.path))
        except (ImportProblem, NotImplementedError, ValueError) as error:
            problems.append(
                _("Tệp dự thảo “%(title)s”: %(error)s") % {"title": document.title, "error": error}
            )
            continue
        if kind not in READABLE:
            problems.append(
                _("Tệp dự thảo “%(title)s” phải là PDF hoặc DOCX.") % {"title": document.title}
            )
            continue
        draft.text = "\n".join(line.rstrip() for line in text.splitlines()).strip()
    return problems
