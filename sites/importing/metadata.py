"""Document metadata: from a sidecar `<file>.meta.json`, or read from the document's text.

A sidecar is written by a person and is checked strictly: any unknown key,
wrong type or bad value makes the file fail, so nothing is imported on a typo.
Reading the text is a heuristic for the usual layout of party and state
documents (Hướng dẫn 36-HD/VPTW, Nghị định 30/2020/NĐ-CP); whatever it cannot
find stays empty, and such documents are only ever imported as drafts.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

from .. import document_numbers
from ..models import Confidentiality, DocumentPage, DocumentType
from ..models.documents import written_label
from . import ImportProblem

SIDECAR_SUFFIX = ".meta.json"
# The keys a sidecar may have and the JSON type of each (null means "not given").
SIDECAR_KEYS = {
    "number": str,
    "type": str,
    "issuer": str,
    "signer": str,
    "issued": str,
    "effective": str,
    "abstract": str,
    "field": str,
    "confidentiality": str,
    "publish": bool,
}
# What a published document must have: (sidecar key, attribute).
REQUIRED = (
    ("number", "number"),
    ("type", "doc_type"),
    ("issuer", "issuer"),
    ("issued", "issued"),
    ("abstract", "abstract"),
)


@dataclass
class DocumentMetadata:
    """What is known about one document; empty strings and None mean unknown."""

    number: str = ""
    doc_type: str = ""
    issuer: str = ""
    signer: str = ""
    issued: date | None = None
    effective: date | None = None
    abstract: str = ""
    field: str = ""
    confidentiality: str = Confidentiality.ORDINARY
    publish: bool = False

    @property
    def is_classified(self) -> bool:
        """As DocumentPage.is_classified: only ordinary documents may ever be public."""
        return self.confidentiality != Confidentiality.ORDINARY

    def missing(self) -> list[str]:
        """Sidecar keys of the required metadata this document lacks."""
        return [key for key, attribute in REQUIRED if not getattr(self, attribute)]


def sidecar_path(path: Path) -> Path:
    """`bao-cao.pdf` -> `bao-cao.pdf.meta.json`, next to it."""
    return path.with_name(path.name + SIDECAR_SUFFIX)


# --- The sidecar -----------------------------------------------------------


def read_sidecar(path: Path) -> DocumentMetadata:
    """The metadata in the sidecar file `path`; ImportProblem if anything in it is wrong."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _sidecar_problem(
            path, _("không đọc được JSON (%(error)s)") % {"error": error}
        ) from error
    try:
        return from_mapping(data)
    except MetadataErrors as errors:
        raise _sidecar_problem(path, "; ".join(errors.by_key.values())) from errors


class MetadataErrors(ImportProblem):
    """What is wrong with a sidecar's mapping, by key ("metadata" for the whole of it)."""

    def __init__(self, by_key: dict[str, str]):
        super().__init__("; ".join(by_key.values()))
        self.by_key = by_key


def from_mapping(data) -> DocumentMetadata:
    """The metadata in a sidecar's JSON value (the import's files and the intake API alike).

    Every key is checked; MetadataErrors lists each wrong one.
    """
    values, errors = _sidecar_values(data)

    def checked(key: str, parse, *args):
        try:
            return parse(values.get(key, ""), *args)
        except ImportProblem as problem:
            errors[key] = str(problem)
            return ""

    metadata = DocumentMetadata(
        number=checked("number", _number),
        doc_type=checked("type", _choice, DocumentType, "type"),
        issuer=values.get("issuer", ""),
        signer=values.get("signer", ""),
        issued=checked("issued", _date, "issued") or None,
        effective=checked("effective", _date, "effective") or None,
        abstract=values.get("abstract", ""),
        field=values.get("field", ""),
        confidentiality=checked("confidentiality", _choice, Confidentiality, "confidentiality")
        or Confidentiality.ORDINARY,
        publish=values.get("publish", False),
    )
    errors.update(_check(metadata))
    if errors:
        raise MetadataErrors(errors)
    return metadata


def _sidecar_values(data) -> tuple[dict, dict[str, str]]:
    """The mapping's well-typed known keys and values (blanks and nulls left out), and
    the errors of the others by key."""
    if not isinstance(data, dict):
        raise MetadataErrors({"metadata": _("phải là một đối tượng JSON")})
    errors = {
        key: _("khóa không được hỗ trợ: %(keys)s") % {"keys": key}
        for key in sorted(set(data) - set(SIDECAR_KEYS))
    }
    values = {}
    for key, value in data.items():
        if key not in SIDECAR_KEYS or value is None:
            continue
        if not isinstance(value, SIDECAR_KEYS[key]):
            expected = _("true hoặc false") if SIDECAR_KEYS[key] is bool else _("một chuỗi")
            errors[key] = _("“%(key)s” phải là %(expected)s") % {"key": key, "expected": expected}
        elif (value := value.strip() if isinstance(value, str) else value) != "":
            values[key] = value
    return values, errors


def _sidecar_problem(path: Path, reason: str) -> ImportProblem:
    return ImportProblem(
        _("tệp mô tả %(name)s: %(reason)s") % {"name": path.name, "reason": reason}
    )


def _number(raw: str) -> str:
    if not raw:
        return ""
    number = document_numbers.normalise(raw)
    if not document_numbers.is_valid(number):
        raise ImportProblem(
            _("số, ký hiệu “%(number)s” không đúng dạng (ví dụ 374-TB/HU)") % {"number": raw}
        )
    return number


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _choice(raw: str, choices: type[models.TextChoices], key: str) -> str:
    """The choice whose value (slug) or Vietnamese label is `raw`, in any case."""
    if not raw:
        return ""
    # The labels are matched as written in the code (Vietnamese), whatever
    # language is active: a sidecar reads the same under an English CLI.
    with translation.override(None):
        names = {_fold(str(label)): value for value, label in choices.choices}
    names.update({_fold(value): value for value in choices.values})
    try:
        return names[_fold(raw)]
    except KeyError:
        raise ImportProblem(
            _("“%(key)s” không có giá trị “%(value)s”") % {"key": key, "value": raw}
        ) from None


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_VIETNAMESE_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _date(raw: str, key: str) -> date | None:
    """`2013-07-22` or `22/07/2013`."""
    if not raw:
        return None
    try:
        if _ISO_DATE.match(raw):
            return date.fromisoformat(raw)
        if match := _VIETNAMESE_DATE.match(raw):
            day, month, year = (int(part) for part in match.groups())
            return date(year, month, day)
    except ValueError:
        pass
    raise ImportProblem(
        _("“%(key)s” không phải ngày hợp lệ (YYYY-MM-DD hoặc DD/MM/YYYY): %(value)s")
        % {"key": key, "value": raw}
    )


def _check(metadata: DocumentMetadata) -> dict[str, str]:
    """What the database would refuse, by sidecar key, found before anything is stored."""
    errors = {}
    if metadata.effective and metadata.issued and metadata.effective < metadata.issued:
        errors["effective"] = _("ngày có hiệu lực trước ngày ban hành")
    for attribute in ("number", "issuer", "signer", "field"):
        limit = DocumentPage._meta.get_field(attribute).max_length
        if len(getattr(metadata, attribute)) > limit:
            errors[attribute] = _("“%(key)s” dài quá %(limit)s ký tự") % {
                "key": attribute,
                "limit": limit,
            }
    for key, attribute in _TEXT_KEYS:
        if not _storable(getattr(metadata, attribute)):
            errors[key] = _("“%(key)s” có ký tự không hợp lệ") % {"key": key}
    return errors


_TEXT_KEYS = (
    ("number", "number"),
    ("issuer", "issuer"),
    ("signer", "signer"),
    ("abstract", "abstract"),
    ("field", "field"),
)


def _storable(text: str) -> bool:
    """PostgreSQL text holds neither NUL nor lone surrogates (JSON can carry both)."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# --- The document's text ---------------------------------------------------

# The national mottos printed in the header's right column; text extraction
# often joins them to the issuing body's line, so they are cut out of lines.
_MOTTOS = re.compile(
    r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM"
    r"|CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM"
    r"|Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc",
    re.IGNORECASE,
)
# Separator lines under the header and the abstract: "*", "-----", "___".
_DECORATION = re.compile(r"^[\s*\-–—_=.·•~]*$")
# "Số 374-TB/HU", "Số: 164/TB-UBND", "SỐ 01 - TB/BCĐ" at the start of a line;
# a capital S, because body text cites other documents as "... số 12-NQ/TW".
_NUMBER_LINE = re.compile(
    r"^[\s*\-–]*(?:Số|SỐ)\s*[:.]?\s*(\d{1,6}(?:\s*[-/]\s*[0-9A-Za-zĐđ]+(?:[-/.][0-9A-Za-zĐđ]+)*)+)"
)
_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
# Công văn have no type heading; their abstract follows "V/v" under the number.
_SUBJECT_LINE = re.compile(r"^V/v\s*[:.]?\s*(.+)$", re.IGNORECASE)
# A type heading is the type's label alone on a line, in capitals ("THÔNG BÁO").
_HEADINGS = {
    written_label(kind).upper(): kind.value for kind in DocumentType if kind != DocumentType.KHAC
}
_ABSTRACT_MAX_LINES = 5
_NAME_WORDS = range(2, 6)


def parse_text(text: str) -> DocumentMetadata:
    """What can be read from the document's text; see the module docstring."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    heading_at, doc_type = _heading(lines)
    header_end = len(lines) if heading_at is None else heading_at
    number_at, number = _number_in(lines[:header_end])
    abstract = _abstract(lines[heading_at + 1 :]) if heading_at is not None else ""
    if heading_at is None and (subject := _subject(lines)):
        doc_type, abstract = DocumentType.CONG_VAN, subject
    issuer_end = number_at if number_at is not None else header_end
    # The signature is below the heading, or below the number when there is none.
    body_start = heading_at if heading_at is not None else (number_at or 0)
    return DocumentMetadata(
        number=number,
        doc_type=doc_type,
        issuer=_issuer(lines[:issuer_end]),
        signer=_signer(lines[body_start + 1 :]),
        issued=_issued("\n".join(lines[: header_end + 1])),
        abstract=abstract,
    )


def _heading(lines: list[str]) -> tuple[int | None, str]:
    for index, line in enumerate(lines):
        if line in _HEADINGS:
            return index, _HEADINGS[line]
    return None, ""


def _number_in(lines: list[str]) -> tuple[int | None, str]:
    for index, line in enumerate(lines):
        if match := _NUMBER_LINE.match(line):
            number = document_numbers.normalise(match.group(1))
            if document_numbers.is_valid(number):
                return index, number
    return None, ""


def _issuer(header: list[str]) -> str:
    """The issuing body: the last capitalised header line above the number.

    Both the party and the state layouts print the superior body first
    ("ĐẢNG BỘ TỈNH ...") and the issuing body under it ("HUYỆN ỦY TAM GIANG").
    """
    limit = DocumentPage._meta.get_field("issuer").max_length
    candidates = []
    for line in header:
        line = " ".join(_MOTTOS.sub(" ", line).split())
        if (
            not _DECORATION.match(line)
            and not _DATE.search(line)
            and line == line.upper()
            and any(character.isalpha() for character in line)
            and len(line) <= limit
        ):
            candidates.append(line)
    return candidates[-1] if candidates else ""


def _issued(header: str) -> date | None:
    """The date line of the header: "Tam Giang, ngày 22 tháng 7 năm 2013"."""
    if match := _DATE.search(header):
        day, month, year = (int(part) for part in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            return None
    return None


def _abstract(after_heading: list[str]) -> str:
    """The lines under the heading, up to a blank or separator line or a new sentence.

    Only the first line may start with a capital: continuation lines of a
    wrapped abstract do not, while the body's first sentence does.
    """
    collected: list[str] = []
    for line in after_heading:
        if not line and not collected:
            continue
        if not line or _DECORATION.match(line) or (collected and line[0].isupper()):
            break
        if not collected and not any(character.islower() for character in line):
            break  # a capitalised line (e.g. "BAN THƯỜNG VỤ HUYỆN ỦY") is no abstract
        collected.append(line)
        if len(collected) == _ABSTRACT_MAX_LINES:
            break
    return " ".join(collected)


def _subject(lines: list[str]) -> str:
    for line in lines:
        if match := _SUBJECT_LINE.match(line):
            return match.group(1)
    return ""


def _signer(lines: list[str]) -> str:
    """The last line that looks like a person's name ("Nguyễn Văn An"), if any."""
    for line in reversed(lines):
        words = line.split()
        if len(words) in _NAME_WORDS and all(
            word.isalpha() and word[0].isupper() and (len(word) == 1 or word[1:].islower())
            for word in words
        ):
            return line
    return ""
