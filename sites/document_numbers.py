"""Official document numbers ("số, ký hiệu"): `374-TB/HU`, `164/TB-UBND`, `01-TB/BCĐ`."""

from __future__ import annotations

import re

# A number, then the type and issuer abbreviations joined by '-' or '/'.
NUMBER_RE = re.compile(r"^\d{1,6}[-/][0-9A-ZĐ]+(?:[-/.][0-9A-ZĐ]+)*$")
_SPACES_AROUND_JOINERS = re.compile(r"\s*([-/.])\s*")
_PREFIX = re.compile(r"^(số|so)\s*[:.]?\s*", re.IGNORECASE)


def normalise(raw: str) -> str:
    """`Số: 374 - tb/hu` -> `374-TB/HU`: no prefix, no spaces around joiners, upper case."""
    text = _PREFIX.sub("", (raw or "").strip())
    text = _SPACES_AROUND_JOINERS.sub(r"\1", text)
    return re.sub(r"\s+", "", text).upper()


def is_valid(number: str) -> bool:
    return bool(NUMBER_RE.match(number))
