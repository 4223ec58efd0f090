"""The text of files attached to ledger entries (PDF, DOCX, plain text), extracted once per version.

A ledger row lists its files as {title, filename, url}; the url of a Wagtail
document (`/documents/<id>/<filename>`) names the document in the row's unit.
The file's bytes are hashed: the text of one content is extracted once and
kept in `AttachmentText` (public schema), whichever unit or row refers to it.
A PDF without a text layer (a scan) is read with tesseract's Vietnamese data,
pages rendered by poppler's pdftoppm, when both are installed; otherwise the
log says that OCR was skipped.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import docx
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.utils import schema_context
from docx.oxml.ns import qn
from pypdf import PdfReader
from wagtail.documents import get_document_model

from portal.publications.models import Publication

logger = logging.getLogger(__name__)

_DOCUMENT_URL = re.compile(r"/documents/(\d+)/")
# A PDF page with fewer letters than this has no usable text layer: it is a scan.
MIN_LETTERS_PER_PAGE = 20
OCR_LANGUAGE = "vie"
OCR_DPI = 200
OCR_TIMEOUT_SECONDS = 120
# Text kept per file: enough for every real document, bounded for the index.
MAX_TEXT_LENGTH = 1_000_000


class ExtractionMethod(models.TextChoices):
    TEXT = "text", _("Lớp văn bản")
    OCR = "ocr", _("Nhận dạng ký tự (OCR)")
    NONE = "none", _("Không đọc được")


class AttachmentText(models.Model):
    """The text of one file content (by SHA-256), shared by every row attaching that content."""

    wagtail_reference_index_ignore = True

    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, unique=True)
    text = models.TextField(_("nội dung"), blank=True)
    method = models.CharField(
        _("cách đọc"),
        max_length=8,
        choices=ExtractionMethod.choices,
        help_text=_("Lớp văn bản của tệp, nhận dạng ký tự, hoặc không đọc được."),
    )
    filename = models.CharField(
        _("tên tệp"), max_length=255, blank=True, help_text=_("Tên tệp lần đầu được đọc.")
    )
    extracted_at = models.DateTimeField(_("đọc lúc"), auto_now_add=True)

    class Meta:
        app_label = "portal_search"
        verbose_name = _("nội dung tệp đính kèm")
        verbose_name_plural = _("nội dung tệp đính kèm")

    def __str__(self) -> str:
        return f"{self.filename} ({self.sha256[:12]})"


def text_for_publication(publication: Publication) -> str:
    """The text of every file attached to `publication`, one after another.

    Never raises for a missing or broken file: it is logged and left out.
    """
    texts = []
    for attachment in publication.attachments or []:
        content = _attachment_bytes(publication, attachment)
        if content is not None:
            texts.append(text_of(content, attachment.get("filename", "")))
    return "\n".join(text for text in texts if text)


def text_of(content: bytes, filename: str = "") -> str:
    """The text of one file's content: from the cache, else extracted and cached."""
    digest = hashlib.sha256(content).hexdigest()
    cached = AttachmentText.objects.filter(sha256=digest).values_list("text", flat=True).first()
    if cached is not None:
        return cached
    text, method = extract(content, filename)
    AttachmentText.objects.get_or_create(
        sha256=digest, defaults={"text": text, "method": method, "filename": filename[:255]}
    )
    return text


def extract(content: bytes, filename: str = "") -> tuple[str, str]:
    """(text, method) of a PDF, DOCX or UTF-8 text file, in NFC; ("", NONE) if unreadable."""
    try:
        if content.startswith(b"%PDF"):
            text, method = _pdf_text(content, filename)
        elif zipfile.is_zipfile(io.BytesIO(content)):
            text, method = _docx_text(content), ExtractionMethod.TEXT
        else:
            text, method = content.decode("utf-8-sig"), ExtractionMethod.TEXT
    except (
        Exception
    ):  # pypdf, python-docx, zipfile and codecs raise many kinds; all mean "unreadable"
        logger.warning(
            "Attachment %s could not be read; it is not searchable.", filename, exc_info=True
        )
        return "", ExtractionMethod.NONE
    return unicodedata.normalize("NFC", text)[:MAX_TEXT_LENGTH], method


def _pdf_text(content: bytes, filename: str) -> tuple[str, str]:
    reader = PdfReader(io.BytesIO(content))
    if reader.is_encrypted:
        reader.decrypt(
            ""
        )  # an owner password only; a user password makes pages unreadable (raises)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    letters = sum(ch.isalpha() for ch in text)
    if letters >= MIN_LETTERS_PER_PAGE * max(1, len(reader.pages)):
        return text, ExtractionMethod.TEXT
    missing = ocr_missing()
    if missing:
        logger.warning(
            "Attachment %s has no text layer; OCR skipped because %s is not installed.",
            filename,
            missing,
        )
        return text, ExtractionMethod.TEXT if text.strip() else ExtractionMethod.NONE
    logger.info(
        "Attachment %s has no text layer; reading it with OCR (tesseract, %s).",
        filename,
        OCR_LANGUAGE,
    )
    return _ocr(content), ExtractionMethod.OCR


def ocr_missing() -> str:
    """What OCR still needs ("" when tesseract, its Vietnamese data and pdftoppm are there)."""
    if shutil.which("pdftoppm") is None:
        return "poppler-utils (pdftoppm)"
    if shutil.which("tesseract") is None:
        return "tesseract-ocr"
    languages = subprocess.run(
        ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30
    ).stdout.split()
    if OCR_LANGUAGE not in languages:
        return "tesseract-ocr-vie"
    return ""


def _ocr(content: bytes) -> str:
    with tempfile.TemporaryDirectory(prefix="portal-ocr-") as folder:
        source = Path(folder) / "source.pdf"
        source.write_bytes(content)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(OCR_DPI),
                "-gray",
                "-png",
                str(source),
                str(Path(folder) / "page"),
            ],
            check=True,
            capture_output=True,
            timeout=OCR_TIMEOUT_SECONDS,
        )
        pages = []
        for image in sorted(Path(folder).glob("page*.png")):
            result = subprocess.run(
                ["tesseract", str(image), "stdout", "-l", OCR_LANGUAGE],
                check=True,
                capture_output=True,
                text=True,
                timeout=OCR_TIMEOUT_SECONDS,
            )
            pages.append(result.stdout)
        return "\n".join(pages)


def _docx_text(content: bytes) -> str:
    """Every paragraph of the body in order, table cells included (their paragraphs are nested)."""
    body = docx.Document(io.BytesIO(content)).element.body
    paragraphs = (
        "".join(node.text or "" for node in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))
    )
    return "\n".join(paragraphs)


def _attachment_bytes(publication: Publication, attachment: dict) -> bytes | None:
    """The bytes of a Wagtail document of the row's unit named by the attachment's url."""
    match = _DOCUMENT_URL.search(unquote(urlsplit(attachment.get("url", "")).path))
    if match is None:
        logger.warning(
            "Attachment %s of publication %s is not a portal document.", attachment, publication.pk
        )
        return None
    with schema_context(publication.unit.schema_name):
        document = get_document_model().objects.filter(pk=int(match.group(1))).first()
        if document is None:
            logger.warning(
                "Document %s of publication %s no longer exists.", match.group(1), publication.pk
            )
            return None
        try:
            with document.file.open("rb") as handle:
                return handle.read()
        except OSError:
            logger.warning(
                "File of document %s (publication %s) is missing.", document.pk, publication.pk
            )
            return None
