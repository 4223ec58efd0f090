"""WebVTT captions: checked when saved, turned into a plain transcript for readers and search."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

TIMING = re.compile(
    r"^(?P<start>(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3})\s+-->\s+"
    r"(?P<end>(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3})(?:\s+.*)?$"
)
VOICE_OR_TAG = re.compile(r"</?[a-z][^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class Cue:
    start: str
    end: str
    text: str


def _seconds(stamp: str) -> float:
    parts = [float(part) for part in stamp.split(":")]
    while len(parts) < 3:
        parts.insert(0, 0.0)
    hours, minutes, seconds = parts
    return hours * 3600 + minutes * 60 + seconds


def parse(source: str) -> list[Cue]:
    """The cues of a WebVTT file; ValidationError (Vietnamese, with the line) if it is not one."""
    lines = source.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    if not lines or not re.match(r"^WEBVTT(?:[ \t].*)?$", lines[0]):
        raise ValidationError(_("Tệp phụ đề phải bắt đầu bằng dòng “WEBVTT”."))
    cues: list[Cue] = []
    index = _skip_block(lines, 0)  # the header: "WEBVTT" and optional metadata lines
    while index < len(lines):
        line = lines[index].strip()
        if not line:
            index += 1
            continue
        if line.startswith(("NOTE", "STYLE", "REGION")) and "-->" not in line:
            index = _skip_block(lines, index)
            continue
        timing = TIMING.match(line)
        if timing is None and index + 1 < len(lines):  # a cue identifier, then the timing
            index += 1
            timing = TIMING.match(lines[index].strip())
        if timing is None:
            raise ValidationError(
                _(
                    "Dòng %(line)d của phụ đề không phải mốc thời gian “00:00:01.000 --> "
                    "00:00:04.000”."
                )
                % {"line": index + 1}
            )
        if _seconds(timing["end"]) <= _seconds(timing["start"]):
            raise ValidationError(
                _("Dòng %(line)d: thời điểm kết thúc phải sau thời điểm bắt đầu.")
                % {"line": index + 1}
            )
        text_lines = []
        index += 1
        while index < len(lines) and lines[index].strip():
            text_lines.append(lines[index].strip())
            index += 1
        cues.append(Cue(timing["start"], timing["end"], "\n".join(text_lines)))
    if not cues:
        raise ValidationError(_("Tệp phụ đề chưa có câu thoại nào."))
    return cues


def _skip_block(lines: list[str], index: int) -> int:
    while index < len(lines) and lines[index].strip():
        index += 1
    return index + 1


def transcript(source: str) -> str:
    """The words of the captions, one cue per line, without timings or markup."""
    if not source.strip():
        return ""
    lines = []
    for cue in parse(source):
        text = " ".join(VOICE_OR_TAG.sub("", cue.text).split())
        if text and (not lines or lines[-1] != text):
            lines.append(text)
    return "\n".join(lines)
