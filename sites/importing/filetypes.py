"""What a document file really is, judged by its content, not its name.

Used by the archive import and meant for admin uploads too: a file is accepted
only if its content is a PDF, a DOCX or UTF-8 text, its extension says the
same, and it is not larger than the limit.
"""

from __future__ import annotations

import codecs
import enum
import zipfile
from pathlib import Path
from typing import BinaryIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_BYTES = 50 * 1024 * 1024
PDF_SIGNATURE = b"%PDF-"
DOCX_MAIN_PART = "word/document.xml"
_CHUNK = 64 * 1024


class FileKind(enum.StrEnum):
    """The accepted kinds; the value is the file extension that must go with them."""

    PDF = "pdf"
    DOCX = "docx"
    TXT = "txt"


class UnacceptableFile(ValueError):
    """The file is not what it claims to be, of no accepted kind, or too large."""


def check(fileobj: BinaryIO, name: str, max_bytes: int = MAX_BYTES) -> FileKind:
    """The kind of a seekable binary file named `name`, or UnacceptableFile.

    The position of `fileobj` is restored, so an upload can be saved afterwards.
    """
    try:
        kind = FileKind(Path(name).suffix.lower().lstrip("."))
    except ValueError:
        raise UnacceptableFile(_("Chỉ nhận tệp PDF, DOCX hoặc TXT.")) from None
    start = fileobj.tell()
    try:
        size = fileobj.seek(0, 2)
        if size == 0:
            raise UnacceptableFile(_("Tệp rỗng."))
        if size > max_bytes:
            raise UnacceptableFile(
                _("Tệp lớn hơn %(limit)s MB.") % {"limit": max_bytes // (1024 * 1024)}
            )
        fileobj.seek(0)
        if not _CONTENT_CHECKS[kind](fileobj):
            raise UnacceptableFile(str(_CONTENT_ERRORS[kind]))
    finally:
        fileobj.seek(start)
    return kind


def check_path(path: Path, max_bytes: int = MAX_BYTES) -> FileKind:
    """`check` for a file on disk."""
    with path.open("rb") as fileobj:
        return check(fileobj, path.name, max_bytes)


def _is_pdf(fileobj: BinaryIO) -> bool:
    return fileobj.read(len(PDF_SIGNATURE)) == PDF_SIGNATURE


def _is_docx(fileobj: BinaryIO) -> bool:
    # A DOCX is a zip package whose main part is word/document.xml; any other
    # zip (or an old binary .doc renamed) is refused here, before a parser sees it.
    try:
        with zipfile.ZipFile(fileobj) as package:
            return DOCX_MAIN_PART in package.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _is_utf8_text(fileobj: BinaryIO) -> bool:
    # Decoded in chunks so a large file is never held whole in memory. NUL
    # bytes are valid UTF-8 but mean UTF-16 text or a binary file.
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := fileobj.read(_CHUNK):
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


_CONTENT_CHECKS = {FileKind.PDF: _is_pdf, FileKind.DOCX: _is_docx, FileKind.TXT: _is_utf8_text}
_CONTENT_ERRORS = {
    FileKind.PDF: gettext_lazy("Nội dung tệp không phải PDF (không bắt đầu bằng chữ ký PDF)."),
    FileKind.DOCX: gettext_lazy("Nội dung tệp không phải DOCX (không có word/document.xml)."),
    FileKind.TXT: gettext_lazy("Tệp văn bản không phải UTF-8."),
}
