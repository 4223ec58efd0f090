"""The English interface: one catalog, complete, compiled, and actually used.

Source strings are Vietnamese; English comes from platform/portal/locale/en.
When a test here fails after you add or change a string, refresh the catalog:

    .venv/bin/python manage.py makemessages -l en \
        --ignore=.venv --ignore=var --ignore=bench --ignore=tests
    (translate the new or "#, fuzzy" entries in platform/portal/locale/en/LC_MESSAGES/django.po)
    .venv/bin/python manage.py compilemessages --ignore=.venv

Most tests need no database; the few at the end use the shared test network.
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.template import engines
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext, ngettext, npgettext, pgettext
from django.utils.translation.template import templatize

BASE_DIR = Path(settings.BASE_DIR)
LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
PO_FILE = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")
WAGTAIL_VI_DIR = Path(settings.LOCALE_PATHS[1]) / "vi" / "LC_MESSAGES"

# What makemessages is run without (see the module docstring), plus folders never holding source.
SKIPPED_DIRS = {
    ".venv", "var", "bench", "tests", "docs", "node_modules", "__pycache__", "migrations", "locale",
}  # fmt: skip
GETTEXT_FUNCTIONS = {
    "_", "gettext", "gettext_lazy", "gettext_noop",
    "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy",
}  # fmt: skip
PLACEHOLDER = re.compile(
    r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|\{[A-Za-z_][A-Za-z0-9_]*\}"
)


# --- A small .po reader (no polib in the project) ---------------------------------------------


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)
    obsolete: bool = False
    line: int = 0


KEYWORD_LINE = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")')


def read_po(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    entry, target, started = Entry(), None, False

    def finish():
        nonlocal entry, target, started
        if started:
            entries.append(entry)
        entry, target, started = Entry(), None, False

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            entry.obsolete = started = True
            continue
        # A comment or a new msgid right after a msgstr starts the next entry.
        if entry.msgstr and (line.startswith("#") or line.startswith(("msgid ", "msgctxt "))):
            finish()
        if line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#:"):
            entry.references.extend(line[2:].split())
        elif line.startswith("#"):
            pass
        elif match := KEYWORD_LINE.fullmatch(line):
            keyword, index, text = match.group(1), match.group(2), ast.literal_eval(match.group(3))
            if not started:
                entry.line, started = number, True
            if keyword.startswith("msgstr"):
                target = ("msgstr", int(index or 0))
                entry.msgstr[target[1]] = text
            else:
                target = (keyword, None)
                setattr(entry, keyword, text)
        elif line.startswith('"') and target is not None:
            text = ast.literal_eval(line)
            if target[0] == "msgstr":
                entry.msgstr[target[1]] += text
            else:
                setattr(entry, target[0], getattr(entry, target[0]) + text)
        else:
            raise AssertionError(f"{path}:{number}: cannot read {raw!r}")
    finish()
    return entries


@pytest.fixture(scope="module")
def catalog() -> list[Entry]:
    """The live entries of the English catalog, header excluded."""
    return [e for e in read_po(PO_FILE) if not e.obsolete and e.msgid != ""]


def where(entry: Entry) -> str:
    return f"{PO_FILE.relative_to(BASE_DIR)}:{entry.line} ({', '.join(entry.references[:2])})"


# --- The catalog itself ----------------------------------------------------------------------


def test_there_is_one_catalog_and_it_is_compiled():
    """One catalog of our own strings; the only other .po files are our Vietnamese for
    Wagtail's admin (tests/accounts/test_admin_vietnamese.py checks those)."""
    assert settings.LOCALE_PATHS == [LOCALE_DIR, WAGTAIL_VI_DIR.parents[1]]
    assert ("en", "English") in settings.LANGUAGES
    assert PO_FILE.is_file() and MO_FILE.is_file()
    catalogs = set()
    for folder, dirs, files in os.walk(BASE_DIR):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS - {"locale"} and not d.startswith(".")]
        catalogs.update(Path(folder) / f for f in files if f.endswith(".po"))
    assert catalogs == {PO_FILE} | {WAGTAIL_VI_DIR / f"{d}.po" for d in ("django", "djangojs")}


def test_header_declares_english_and_utf8():
    header = next(e for e in read_po(PO_FILE) if e.msgid == "")
    assert "fuzzy" not in header.flags
    assert "Language: en\n" in header.msgstr[0]
    assert "charset=UTF-8" in header.msgstr[0]


def test_every_entry_is_translated_and_none_is_fuzzy(catalog):
    assert len(catalog) > 300
    fuzzy = [where(e) for e in catalog if "fuzzy" in e.flags]
    untranslated = [where(e) for e in catalog if not e.msgstr or not all(e.msgstr.values())]
    assert not fuzzy, "fuzzy entries: " + "; ".join(fuzzy)
    assert not untranslated, "untranslated entries: " + "; ".join(untranslated)


VIETNAMESE = re.compile("[ăâđêôơư\u0300-\u0323\u1ea0-\u1ef9]", re.IGNORECASE)


def test_no_vietnamese_left_in_translations(catalog):
    """A msgstr still in Vietnamese is a forgotten translation. A Vietnamese proper name
    quoted as an example is fine when an English gloss follows it in brackets."""
    suspicious = [
        where(e)
        for e in catalog
        for text in e.msgstr.values()
        if VIETNAMESE.search(text) and not re.search(r"\([^()]*[a-z][^()]*\)", text)
    ]
    assert not suspicious, "still Vietnamese: " + "; ".join(suspicious)


def test_translations_keep_every_placeholder(catalog):
    broken = []
    for entry in catalog:
        for index, text in entry.msgstr.items():
            source = entry.msgid if index == 0 or entry.msgid_plural is None else entry.msgid_plural
            wanted = sorted(PLACEHOLDER.findall(source))
            # A singular form may leave out a count ("one file" for "%(count)s files").
            if entry.msgid_plural is not None and index == 0:
                if not set(PLACEHOLDER.findall(text)) <= set(wanted):
                    broken.append(where(entry))
            elif sorted(PLACEHOLDER.findall(text)) != wanted:
                broken.append(where(entry))
    assert not broken, "placeholders changed: " + "; ".join(broken)


def test_compiled_catalog_matches_the_po_file(catalog):
    """A .po edited without compilemessages leaves a stale .mo: English that never shows."""
    stale = []
    with translation.override("en"):
        for entry in catalog:
            if entry.msgid_plural is not None:
                got = (
                    npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
                    if entry.msgctxt is not None
                    else ngettext(entry.msgid, entry.msgid_plural, 1)
                )
            elif entry.msgctxt is not None:
                got = pgettext(entry.msgctxt, entry.msgid)
            else:
                got = gettext(entry.msgid)
            if got != entry.msgstr[0]:
                stale.append(f"{where(entry)}: {got!r} != {entry.msgstr[0]!r}")
    assert not stale, "run compilemessages; stale: " + "; ".join(stale[:10])


# --- Every marked string of the project is in the catalog -----------------------------------


def source_files(*suffixes: str):
    for folder, dirs, files in os.walk(BASE_DIR):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("."))
        for name in sorted(files):
            if name.endswith(suffixes):
                yield Path(folder) / name


def marked_in_python(path: Path):
    """(line, context, msgid) of every gettext call on literals; non-literal calls are reported."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in GETTEXT_FUNCTIONS or not node.args:
            continue
        args = node.args[1:] if name.startswith(("pgettext", "npgettext")) else node.args
        context = node.args[0] if name.startswith(("pgettext", "npgettext")) else None
        literal = args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str)
        if not literal:
            yield node.lineno, None, None  # gettext of an f-string, a variable or a concatenation
            continue
        yield node.lineno, getattr(context, "value", None), args[0].value


STRING = r"""u?('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
# What templatize() turns {% translate %} and {% blocktranslate %} into, as makemessages sees it.
TEMPLATIZED_CALL = re.compile(rf"(?:\b_|\bgettext|\bpgettext)\((?:{STRING},\s*)?{STRING}\)")


def marked_in_template(path: Path):
    code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    for match in TEMPLATIZED_CALL.finditer(code):
        line = code.count("\n", 0, match.start()) + 1
        context = ast.literal_eval(match.group(1)) if match.group(1) else None
        yield line, context, ast.literal_eval(match.group(2))


def test_every_marked_string_is_in_the_catalog(catalog):
    known = {(e.msgctxt, e.msgid) for e in catalog}
    missing, unextractable = [], []
    for path in source_files(".py"):
        for line, context, msgid in marked_in_python(path):
            if msgid is None:
                unextractable.append(f"{path.relative_to(BASE_DIR)}:{line}")
            elif (context, msgid) not in known:
                missing.append(f"{path.relative_to(BASE_DIR)}:{line} {msgid!r}")
    for path in source_files(".html", ".txt"):
        for line, context, msgid in marked_in_template(path):
            if (context, msgid) not in known:
                missing.append(f"{path.relative_to(BASE_DIR)}:{line} {msgid!r}")
    assert not unextractable, "gettext needs a literal string: " + "; ".join(unextractable)
    assert not missing, "not in the catalog (run makemessages): " + "; ".join(missing)


# --- English where it shows ------------------------------------------------------------------

KEY_STRINGS = [
    # provisioning errors (the provision_site / provision_province commands print these)
    ("Mã đơn vị “%(code)s” đã tồn tại.", "Unit code “%(code)s” already exists."),
    ("Tên đơn vị không được để trống.", "The unit name must not be empty."),
    ("Cấp “%(level)s” không tồn tại.", "Level “%(level)s” does not exist."),
    ("Tên miền “%(domain)s” đã được dùng.",
     "Domain “%(domain)s” is already in use."),
    ("Mã “%(code)s” trùng lược đồ dữ liệu “%(schema)s” đã có.",
     "Code “%(code)s” clashes with the existing database schema “%(schema)s”."),
    # documents
    ("số, ký hiệu", "number and code"),
    ("trích yếu", "abstract"),
    ("cơ quan ban hành", "issuing body"),
    ("Gỡ văn bản khỏi cổng", "Withdraw from the portal"),
    # network, theme and public pages
    ("Mạng lưới", "Network"),
    ("chuyên mục", "section"),
    ("khẩu hiệu", "slogan"),
    ("Trang chủ", "Home"),
    ("Không tìm thấy trang", "Page not found"),
    ("Chuyển đến nội dung chính", "Skip to main content"),
]  # fmt: skip


@pytest.mark.parametrize(("vietnamese", "english"), KEY_STRINGS)
def test_key_strings_are_english_in_english_and_vietnamese_otherwise(vietnamese, english):
    with translation.override("en"):
        assert gettext(vietnamese) == english
    with translation.override("vi"):
        assert gettext(vietnamese) == vietnamese


def test_formatted_message_in_english():
    with translation.override("en"):
        message = gettext("Mã đơn vị “%(code)s” đã tồn tại.") % {"code": "TN"}
    assert message == "Unit code “TN” already exists."


def test_model_labels_and_choices_in_english():
    from portal.tenancy.models import Unit, UnitStatus
    from sites.models import DocumentPage

    with translation.override("en"):
        assert str(Unit._meta.verbose_name) == "unit"
        assert str(Unit._meta.get_field("code").verbose_name) == "unit code"
        assert str(UnitStatus.ARCHIVED.label) == "Archived"
        assert str(DocumentPage._meta.get_field("abstract").verbose_name) == "abstract"
        assert str(DocumentPage._meta.get_field("issuer").verbose_name) == "issuing body"
    with translation.override("vi"):
        assert str(Unit._meta.verbose_name) == "đơn vị"


def test_templates_translate_to_english():
    template = engines["django"].from_string(
        '{% load i18n %}{% translate "Trang chủ" %} | '
        "{% blocktranslate with n=2 total=5 %}Trang {{ n }}/{{ total }}{% endblocktranslate %}"
    )
    with translation.override("en"):
        assert template.render() == "Home | Page 2 of 5"
    with translation.override("vi"):
        assert template.render() == "Trang chủ | Trang 2/5"


@pytest.mark.parametrize(
    ("headers", "cookies", "expected"),
    [
        ({"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}, {}, "Home"),
        ({}, {settings.LANGUAGE_COOKIE_NAME: "en"}, "Home"),  # what /i18n/setlang/ sets
        ({"HTTP_ACCEPT_LANGUAGE": "vi"}, {}, "Trang chủ"),
        ({}, {}, "Trang chủ"),  # LANGUAGE_CODE
    ],
)
def test_locale_middleware_serves_the_visitors_language(headers, cookies, expected):
    request = RequestFactory().get("/", **headers)
    request.COOKIES.update(cookies)
    # The middleware activates the language for the thread: give the previous one back.
    with translation.override(translation.get_language()):
        response = LocaleMiddleware(lambda request: HttpResponse(gettext("Trang chủ")))(request)
    assert response.content.decode() == expected


# --- Through the real stack (database) ----------------------------------------------------


@pytest.mark.django_db
def test_provisioning_errors_are_english_for_commands(network):
    from portal.tenancy.provisioning import ProvisioningError, UnitSpec, validate

    spec = UnitSpec(name=" ", code="TN", level="no-such-level", domains=["tinh.test.localhost"])
    with translation.override("en"), pytest.raises(ProvisioningError) as raised:
        validate(spec)
    assert raised.value.errors["name"] == ["The unit name must not be empty."]
    assert raised.value.errors["code"] == ["Unit code “TN” already exists."]
    assert raised.value.errors["level"] == ["Level “no-such-level” does not exist."]
    assert raised.value.errors["domains"] == ["Domain “tinh.test.localhost” is already in use."]


@pytest.mark.django_db
def test_provision_site_command_speaks_english(network):
    # The command activates "en" for the thread: give the previous language back afterwards.
    with translation.override(translation.get_language()):
        with pytest.raises(CommandError, match=re.escape("Unit code “TN” already exists.")):
            call_command(
                "provision_site", name="Tỉnh Trùng", code="TN", level="province",
                domain=["tinh-trung.test.localhost"],
            )  # fmt: skip


@pytest.mark.django_db
def test_english_visitor_gets_vietnamese_public_pages(network):
    """Content is Vietnamese, so the interface is too (tests/sites/test_public_language.py)."""
    from tests.conftest import client_for

    client = client_for(network, "province")
    with translation.override(translation.get_language()):  # the middleware activates per thread
        page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert '<html lang="vi">' in page
        assert "Chuyển đến nội dung chính" in page and "Skip to main content" not in page
