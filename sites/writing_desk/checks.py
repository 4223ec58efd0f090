"""The checks of the writing desk: what a draft's text says before an editor reads it.

Pure functions over plain values (no database): `check(draft, rules, dictionary)`
returns the findings, in the order of the draft, for the panel "Kiểm tra trước khi
gửi duyệt". A finding is advice: submitting stays allowed.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .. import document_numbers
from . import tone_marks

SPELLING = "spelling"
TONE = "tone"
LENGTH = "length"
PHOTO = "photo"
DATE = "date"
NUMBER = "number"
LEADER = "leader"
WATCH = "watch"


@dataclass(frozen=True)
class Photo:
    """A photo of the draft: where it is (for the message), its caption."""

    place: str
    caption: str = ""


@dataclass(frozen=True)
class Draft:
    title: str = ""
    lead: str = ""
    lead_label: str = ""  # "sapo" for articles; documents have none to measure
    texts: tuple[tuple[str, str], ...] = ()  # (where, plain text): body paragraphs, abstract
    photos: tuple[Photo, ...] = ()


@dataclass(frozen=True)
class Leader:
    name: str
    position: str


@dataclass(frozen=True)
class Rules:
    """What the unit's board decided (sites.writing_desk.models.DeskRules)."""

    tone_style: str = tone_marks.OLD
    title_range: tuple[int, int] = (20, 110)
    lead_range: tuple[int, int] = (80, 400)
    leaders: tuple[Leader, ...] = ()
    watch_words: tuple[tuple[str, str], ...] = ()  # (word or phrase, what to write instead)
    accepted_words: frozenset[str] = frozenset()  # known to the board, not to the dictionary


@dataclass(frozen=True)
class Finding:
    kind: str
    where: str
    message: str
    excerpt: str = ""
    suggestion: str = ""
    fixable: bool = False


_WORD = re.compile(r"[^\W\d_]+")
_SOURCE_CREDIT = re.compile(r"\b(ảnh|nguồn|photo)\s*[:：]", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/.-])")
_WORDED_DATE = re.compile(
    r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\b", re.IGNORECASE
)
# A number then type and issuer abbreviations, loosely joined: "374 TB-HU", "15 / qđ - ubnd".
_LOOSE_NUMBER = re.compile(
    r"(?<![\w/-])(\d{1,6})(\s*[-/]\s*|\s+)([A-ZĐ]{1,8})(\s*[-/]\s*)([A-ZĐ][A-ZĐ0-9]{0,11})(?![\w/-])",
    re.IGNORECASE,
)


def check(draft: Draft, rules: Rules, dictionary=None) -> list[Finding]:
    texts = [(_("Tiêu đề"), draft.title)]
    if draft.lead_label:
        texts.append((draft.lead_label, draft.lead))
    texts += list(draft.texts)
    findings = _lengths(draft, rules)
    findings += _photos(draft)
    findings += _tone_marks(texts, rules.tone_style)
    if dictionary is not None:
        findings += _spelling(texts, rules.accepted_words, dictionary)
    for where, text in texts:
        findings += _dates(where, text)
        findings += _document_numbers(where, text)
        findings += _leaders(where, text, rules.leaders, rules.tone_style)
        findings += _watch_words(where, text, rules.watch_words, rules.tone_style)
    return findings


def _lengths(draft: Draft, rules: Rules) -> list[Finding]:
    measured = [(_("Tiêu đề"), draft.title, rules.title_range)]
    if draft.lead_label:
        measured.append((draft.lead_label, draft.lead, rules.lead_range))
    findings = []
    for where, text, (shortest, longest) in measured:
        length = len(" ".join(text.split()))
        if length < shortest:
            message = _("%(where)s có %(length)s ký tự, ngắn hơn mức tối thiểu %(limit)s.")
        elif length > longest:
            message = _("%(where)s có %(length)s ký tự, dài hơn mức tối đa %(limit)s.")
        else:
            continue
        limit = shortest if length < shortest else longest
        findings.append(
            Finding(LENGTH, where, message % {"where": where, "length": length, "limit": limit})
        )
    return findings


def _photos(draft: Draft) -> list[Finding]:
    findings = []
    for photo in draft.photos:
        caption = " ".join(photo.caption.split())
        if not caption:
            message = _("Ảnh chưa có chú thích (và nguồn ảnh, ví dụ “Ảnh: Minh Anh”).")
        elif not _SOURCE_CREDIT.search(caption):
            message = _("Chú thích ảnh chưa ghi nguồn (ví dụ “Ảnh: Minh Anh”).")
        else:
            continue
        findings.append(Finding(PHOTO, photo.place, message, excerpt=caption))
    return findings


def _tone_marks(texts, style: str) -> list[Finding]:
    other = tone_marks.NEW if style == tone_marks.OLD else tone_marks.OLD
    findings = []
    for where, text in texts:
        seen = []
        for word in tone_marks.words_in_style(text, other):
            if word not in seen:
                seen.append(word)
        for word in seen:
            wanted = tone_marks.restyle(word, style)
            findings.append(
                Finding(
                    TONE,
                    where,
                    _("“%(word)s” đặt dấu khác kiểu của đơn vị: viết “%(wanted)s”.")
                    % {"word": word, "wanted": wanted},
                    excerpt=word,
                    suggestion=wanted,
                    fixable=True,
                )
            )
    return findings


def _spelling(texts, accepted: frozenset[str], dictionary) -> list[Finding]:
    findings = []
    for where, text in texts:
        seen = set()
        for word in _WORD.findall(text):
            if word in seen or _is_abbreviation(word) or word.lower() in accepted:
                continue
            seen.add(word)
            if dictionary.knows(word):
                continue
            suggestions = dictionary.suggestions(word)
            findings.append(
                Finding(
                    SPELLING,
                    where,
                    _("“%(word)s” không có trong từ điển tiếng Việt.") % {"word": word},
                    excerpt=word,
                    suggestion=", ".join(suggestions),
                )
            )
    return findings


def _is_abbreviation(word: str) -> bool:
    """UBND, HĐND, TB: upper case beyond the first letter is an abbreviation, not a word."""
    return len(word) > 1 and word[1:].isupper()


def _dates(where: str, text: str) -> list[Finding]:
    findings = []
    for match in _NUMERIC_DATE.finditer(text):
        day, _joiner, month, year = match.groups()
        if not _is_date(day, month, year):
            continue
        wanted = f"{int(day):02d}/{int(month):02d}/{year}"
        if match.group() != wanted:
            findings.append(_date_finding(where, match.group(), wanted))
    for match in _WORDED_DATE.finditer(text):
        day, month, year = match.groups()
        if not _is_date(day, month, year):
            continue
        # Decree 30/2020: days below 10 and months below 3 take a leading zero.
        wanted_day = f"{int(day):02d}"
        wanted_month = f"{int(month):02d}" if int(month) < 3 else str(int(month))
        wanted = f"ngày {wanted_day} tháng {wanted_month} năm {year}"
        if (day, month) != (wanted_day, wanted_month):
            findings.append(_date_finding(where, match.group(), wanted))
    return findings


def _is_date(day: str, month: str, year: str) -> bool:
    try:
        datetime.date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


def _date_finding(where: str, written: str, wanted: str) -> Finding:
    return Finding(
        DATE,
        where,
        _("Ngày “%(written)s” viết theo dạng chuẩn là “%(wanted)s”.")
        % {"written": written, "wanted": wanted},
        excerpt=written,
        suggestion=wanted,
    )


def _document_numbers(where: str, text: str) -> list[Finding]:
    findings = []
    for match in _LOOSE_NUMBER.finditer(text):
        written = match.group()
        number, first_joiner, kind, _second_joiner, issuer = match.groups()
        wanted = _standard_number(number, first_joiner, kind, issuer)
        if wanted and written != wanted:
            findings.append(
                Finding(
                    NUMBER,
                    where,
                    _("Số, ký hiệu “%(written)s” viết theo dạng chuẩn là “%(wanted)s”.")
                    % {"written": written, "wanted": wanted},
                    excerpt=written,
                    suggestion=wanted,
                )
            )
    return findings


def _standard_number(number: str, first_joiner: str, kind: str, issuer: str) -> str:
    """The number as the party ("374-TB/HU") or the state ("164/TB-UBND") writes it.

    A slash right after the number is the state's form; otherwise party bodies'
    issuers (HU, TU, ĐU, BTG...) take the party's form.
    """
    kind, issuer = kind.upper(), issuer.upper()
    if first_joiner.strip() == "/" or not _is_party_issuer(issuer):
        wanted = f"{number}/{kind}-{issuer}"
    else:
        wanted = f"{number}-{kind}/{issuer}"
    wanted = document_numbers.normalise(wanted)
    return wanted if document_numbers.is_valid(wanted) else ""


def _is_party_issuer(issuer: str) -> bool:
    # Huyện ủy, Tỉnh ủy, Đảng ủy (..U), the committee's boards (B..), its inspection (UBKT..).
    return issuer.endswith("U") or issuer.startswith(("B", "UBKT", "VP"))


def _folded(text: str, style: str) -> str:
    return " ".join(tone_marks.restyle_text(text, style).lower().split())


def _leaders(where: str, text: str, leaders: tuple[Leader, ...], style: str) -> list[Finding]:
    """A leader's name misspelt, or a title given to someone the list does not give it."""
    if not leaders:
        return []
    findings = []
    by_name = {_folded(leader.name, style): leader for leader in leaders}
    by_bare_name = {_bare(leader.name): leader for leader in leaders}
    titles = {}
    for leader in leaders:
        for title in re.split(r"\s*[,;]\s*", leader.position):
            if title:
                titles.setdefault(_folded(title, style), []).append(leader)
    for start, name in _capitalised_names(text):
        leader = by_name.get(_folded(name, style))
        if leader is None:
            misspelt = by_bare_name.get(_bare(name))
            if misspelt is not None:
                findings.append(
                    Finding(
                        LEADER,
                        where,
                        _("Tên lãnh đạo “%(written)s” viết theo danh sách là “%(wanted)s”.")
                        % {"written": name, "wanted": misspelt.name},
                        excerpt=name,
                        suggestion=misspelt.name,
                    )
                )
                continue
        title = _title_before(_folded(text[max(0, start - 120) : start], style), titles)
        if title is None:
            continue
        holders = titles[title]
        if leader is not None and leader in holders:
            continue
        if leader is not None:
            message = _("Theo danh sách lãnh đạo, %(name)s là %(position)s.") % {
                "name": leader.name,
                "position": leader.position,
            }
        else:
            message = _(
                "Theo danh sách lãnh đạo, %(title)s là %(holders)s, không phải %(name)s."
            ) % {
                "title": holders[0].position.split(",")[0],
                "holders": ", ".join(holder.name for holder in holders),
                "name": name,
            }
        findings.append(Finding(LEADER, where, message, excerpt=name))
    return findings


def _capitalised_names(text: str) -> list[tuple[int, str]]:
    """(start, name) of each run of two to five capitalised words: a name's shape."""
    runs, run = [], []
    for match in _WORD.finditer(text):
        joined = run and text[run[-1].end() : match.start()] == " "
        capitalised = match.group()[0].isupper() and not _is_abbreviation(match.group())
        if run and not (joined and capitalised):
            runs.append(run)
            run = []
        if capitalised:
            run.append(match)
    runs.append(run)
    return [
        (run[0].start(), text[run[0].start() : run[-1].end()]) for run in runs if 2 <= len(run) <= 5
    ]


def _title_before(before: str, titles: dict[str, list[Leader]]) -> str | None:
    """The longest title of the list that the text right before a name ends with."""
    matching = [title for title in titles if before.endswith(title) or before.endswith(title + ",")]
    return max(matching, key=len, default=None)


def _bare(text: str) -> str:
    """Lower case without any mark: "Nguyễn Văn Ân" and "Nguyễn Văn An" meet here."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _watch_words(where: str, text: str, watch_words, style: str) -> list[Finding]:
    findings = []
    folded_text = _folded(text, style)
    for word, instead in watch_words:
        folded_word = _folded(word, style)
        if not folded_word:
            continue
        pattern = r"(?<![^\W_])" + re.escape(folded_word).replace(r"\ ", r"\s+") + r"(?![^\W_])"
        if re.search(pattern, folded_text):
            message = _("“%(word)s” nằm trong danh sách từ cần tránh của ban biên tập.") % {
                "word": word
            }
            if instead:
                message += " " + _("Nên viết: “%(instead)s”.") % {"instead": instead}
            findings.append(Finding(WATCH, where, message, excerpt=word, suggestion=instead))
    return findings
