"""Hostile input to every public URL of the URLconf never gives a server error (hypothesis).

Every pattern outside the admin (tests/security/url_walk.py) and every page of the
tested unit (district A, every plugin enabled) is requested by an anonymous visitor on
the unit's host with generated values: NUL and other control characters, broken
percent-encoding and invalid UTF-8, huge numbers, very long strings and any Unicode, put
into a path parameter, a query parameter and a POST form field. Each answer must be
below 500; the examples are derandomized, so CI runs the same requests every time.
"""

from __future__ import annotations

import time
from urllib.parse import quote

import pytest
from django.test import Client
from django_tenants.utils import schema_context
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page

from portal.extensions import activation, registry
from tests.security import url_walk

pytestmark = pytest.mark.django_db

UNIT = "district_a"
EXAMPLES = 1000  # three requests each
# Stands in for a path parameter in the patterns; the generated value replaces it. A word fits
# str and slug converters and regex groups of words; the number fits int converters.
WORD_SLOT, NUMBER_SLOT = "zqxslot", "987654321"

# Query and form fields the portal's views read (search, registers, paging, feedback, sign-in).
FIELD_NAMES = [
    *("q", "page", "type", "issuer", "year", "nam", "scope", "sort", "kind", "unit"),
    *("doc_type", "date_from", "date_to", "print", "next", "code", "language", "password"),
    *("username", "return_url", "sender_name", "sender_email", "sender_phone", "subject"),
    *("message", "started", "website", "sender_address", "format", "w", "h"),
]
BROKEN_ENCODINGS = [
    "%00", "%ff", "%ff%fe", "%c3%28", "%ed%a0%80", "%f4%90%80%80", "%", "%zz", "%e2%82",
    "%0d%0aSet-Cookie:%20x=1", "..%2f..%2fetc%2fpasswd", "%25%30%30",
]  # fmt: skip
NASTY_TEXT = [
    "\x00", "a\x00b", "\x1b[31m", "\x7f", "\r\n", "\ufeff", "\ufffd", "\U0010ffff", "𝔘𝔫𝔦",
    "' OR 1=1 --", "<script>alert(1)</script>", "{{ 7*7 }}", "../../../etc/passwd",
    "9" * 40, "-1", "0", "-9223372036854775809", "1e309", "NaN", "2025-13-45", "99999-01-01",
    "x" * 20000, "Tiếng Việt " * 500,
]  # fmt: skip

hostile_text = st.one_of(
    st.sampled_from(NASTY_TEXT),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
    st.integers().map(str),
    st.text(st.sampled_from("\x00\x01\x08\x0b\x1f\x7f%\\/?#&=;"), min_size=1, max_size=8),
)
# What travels in the URL or the body: quoted text, or raw broken percent-encoding.
hostile_encoded = st.one_of(
    hostile_text.map(lambda text: quote(text, safe="")), st.sampled_from(BROKEN_ENCODINGS)
)


def _slot_values(name, _pattern):
    return [WORD_SLOT, NUMBER_SLOT]


def public_targets(unit) -> list[str]:
    """Path templates: each public pattern with its parameters as slots, and the unit's pages."""
    targets = set()
    for pattern, _name, _view, _entry in url_walk.patterns():
        if pattern.startswith("admin/"):
            continue
        path = url_walk.fill(pattern, _slot_values)
        if path is not None:
            targets.add(quote(path, safe="/"))
    with schema_context(unit.schema_name):
        for page in Page.objects.filter(depth__gt=1).specific():
            url = page.get_url()
            if url and url.startswith("/"):
                targets.add(url)
    return sorted(targets)


@pytest.fixture
def visitor(network):
    unit = network.unit(UNIT)
    for plugin in registry.plugins():
        if plugin.meta.suits(unit.level.code):
            activation.change("enable", plugin, unit)
    return Client(HTTP_HOST=network.domains[UNIT], raise_request_exception=False), unit


def _with_value(target: str, value: str) -> str:
    """The target with `value` in its slots, or appended as one more path segment."""
    if WORD_SLOT in target or NUMBER_SLOT in target:
        return target.replace(WORD_SLOT, value).replace(NUMBER_SLOT, value)
    return f"{target.rstrip('/')}/{value}/"


def test_hostile_input_to_public_urls_never_gives_a_server_error(visitor):
    client, unit = visitor
    targets = public_targets(unit)
    assert any(target.startswith("/gop-y/tra-cuu/") for target in targets)
    assert "/van-ban/" in targets and "/tim-kiem/" in targets
    sent, started = [], time.monotonic()

    def send(method: str, url: str, **extra):
        response = getattr(client, method)(url, **extra)
        sent.append(url)
        assert response.status_code < 500, (method, url, extra, response.status_code)
        return response

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        target=st.sampled_from(targets),
        value=hostile_encoded,
        field=st.one_of(st.sampled_from(FIELD_NAMES), hostile_encoded),
        number=st.integers(min_value=0, max_value=10**30).map(str),
    )
    def requests_with(target, value, field, number):
        send("get", _with_value(target, value))
        send("get", f"{_with_value(target, number)}?{field}={value}&page={number}")
        send(
            "post",
            target.replace(WORD_SLOT, "a").replace(NUMBER_SLOT, "1"),
            data=f"{field}={value}&message={value}",
            content_type="application/x-www-form-urlencoded",
        )

    requests_with()
    elapsed = time.monotonic() - started
    print(f"fuzz: {len(sent)} requests to {len(targets)} public URLs in {elapsed:.1f} s")
    assert len(sent) >= 3 * EXAMPLES


@pytest.mark.parametrize(
    "url",
    [
        "/van-ban/?issuer=%00",
        "/gop-y/tra-cuu/%00/",
        "/tim-kiem/?q=thu%01tuc",
        "/%00/",
        "/tin-tuc/%1b%5b31m/",
        "/gop-y/tra-cuu/%7f/",
        "/van-ban/?%00=1",
    ],
)
def test_control_characters_get_the_units_own_400_page(network, url):
    client = Client(HTTP_HOST=network.domains[UNIT], raise_request_exception=False)
    response = client.get(url)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Yêu cầu không hợp lệ" in html
    assert network.unit(UNIT).name in html  # the portal's base template, with the unit


def feedback_count(network) -> int:
    from portal.feedback.models import Feedback

    with schema_context(network.units[UNIT].schema_name):
        return Feedback.objects.count()


def test_a_form_carrying_a_nul_is_refused_and_nothing_is_saved(network):
    client = Client(HTTP_HOST=network.domains[UNIT], raise_request_exception=False)
    before = feedback_count(network)
    form = {
        "kind": "question",
        "sender_name": "Nguyễn Văn A",
        "sender_email": "a@example.vn",
        "subject": "Hỏi về thủ tục",
        "message": "Nội dung\x00câu hỏi",
        "started": "0",
    }
    response = client.post("/gop-y/", form)
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()
    assert feedback_count(network) == before


def test_line_breaks_and_tabs_in_a_text_area_are_not_refused(network):
    client = Client(HTTP_HOST=network.domains[UNIT], raise_request_exception=False)
    response = client.post(
        "/gop-y/", {"sender_name": "B", "message": "Dòng một\r\n\tDòng hai", "started": "0"}
    )
    html = response.content.decode()
    assert response.status_code == 400  # the form again, with its own messages...
    assert "Yêu cầu không hợp lệ" not in html  # ...not the refusal of hostile input
    assert "Dòng hai" in html  # what the citizen typed is kept
