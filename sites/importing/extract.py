"""The plain text of a PDF, DOCX or TXT file, for reading metadata out of it."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import docx
from django.utils.translation import gettext as _
from docx.table import Table
from pypdf import PasswordType, PdfReader

from . import ImportProblem, filetypes
from .filetypes import FileKind


def read_text(path: Path) -> tuple[FileKind, str]:
    """The file's kind (checked by content) and its text, line by line, in NFC.

    Raises ImportProblem for a file of the wrong kind, a damaged or
    password-protected PDF, or an unreadable DOCX.
    """
    try:
        kind = filetypes.check_path(path)
    except filetypes.UnacceptableFile as error:
        raise ImportProblem(str(error)) from error
    except OSError as error:
        raise ImportProblem(_("Không đọc được tệp: %(error)s") % {"error": error}) from error
    # Text from Word and from PDF fonts may use combining accents; the parsers
    # compare with precomposed Vietnamese, so everything is normalised to NFC.
    return kind, unicodedata.normalize("NFC", _READERS[kind](path))


def _pdf_text(path: Path) -> str:
    # pypdf raises many exception types on damaged files (its own, ValueError,
    # KeyError...); all of them mean the same thing to the operator.
    try:
        reader = PdfReader(path)
        locked = reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED
        text = "" if locked else "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception as error:
        raise ImportProblem(_("PDF bị hỏng: %(error)s") % {"error": error}) from error
    if locked:
        raise ImportProblem(_("PDF có mật khẩu, không đọc được."))
    return text


def _docx_text(path: Path) -> str:
    try:
        document = docx.Document(str(path))
        return "\n".join(_container_lines(document))
    except Exception as error:  # python-docx, zipfile and lxml errors alike
        raise ImportProblem(_("Không đọc được tệp DOCX: %(error)s") % {"error": error}) from error


def _container_lines(container) -> list[str]:
    """Paragraphs and tables in document order.

    Official documents usually lay out their header (issuing body, number,
    date) in a two-column table, so table cells must be read too.
    """
    lines: list[str] = []
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                previous = None
                for cell in row.cells:
                    # A merged cell is returned once per grid column it spans.
                    if cell.text != previous:
                        lines.extend(_container_lines(cell))
                    previous = cell.text
        else:
            lines.append(block.text)
    return lines


def _txt_text(path: Path) -> str:
    # utf-8-sig drops the byte order mark Windows editors put at the start.
    return path.read_text(encoding="utf-8-sig")


_READERS = {FileKind.PDF: _pdf_text, FileKind.DOCX: _docx_text, FileKind.TXT: _txt_text}
