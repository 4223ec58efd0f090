"""No input ever makes the page or the API fail: arbitrary Unicode, operators, long strings."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.operations.request_hygiene import CONTROL_IN_QUERY
from tests.conftest import client_for

from .corpus import publish

pytestmark = pytest.mark.django_db

OPERATORS = st.sampled_from(
    [
        '"',
        "“",
        "”",
        "-",
        "&",
        "|",
        "!",
        ":*",
        "<->",
        "(",
        ")",
        "'",
        "\\",
        "%",
        "_",
        "*",
        "?",
        "~",
        "<",
        ">",
        "\x00",
        "\u0301",
        "đ",
        "Đ",
        "374-TB/HU",
        " - ",
        "/",
        "AND",
        "OR",
        "NOT",
        ";--",
        "\n",
    ]
)
QUERY_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(OPERATORS, st.text(max_size=8)), max_size=40).map("".join),
    st.text(min_size=1, max_size=5).map(lambda piece: piece * 400),
)
PARAMETER = st.one_of(st.text(max_size=30), OPERATORS, st.integers().map(str))


@pytest.fixture
def setup(network, settings):
    settings.PORTAL_SEARCH_RATE_LIMIT = 10_000
    publish(
        network.unit("district_a"),
        "Thông báo kết luận 374-TB/HU",
        doc_number="374-TB/HU",
        summary='Nội dung có "ngoặc kép" & ký hiệu | đặc biệt.',
    )
    return network


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    q=QUERY_TEXT,
    scope=PARAMETER,
    kind=PARAMETER,
    year=PARAMETER,
    page=PARAMETER,
    date_from=PARAMETER,
)
def test_the_api_never_fails(setup, q, scope, kind, year, page, date_from):
    response = client_for(setup, "district_a").get(
        "/api/search/",
        {"q": q, "scope": scope, "kind": kind, "year": year, "page": page, "date_from": date_from},
    )
    assert response.status_code in (200, 400), response.content[:300]
    data = response.json()
    assert ("count" in data) if response.status_code == 200 else data["error"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=QUERY_TEXT, scope=st.sampled_from(["portal", "subtree", "network"]), issuer=PARAMETER)
def test_the_page_never_fails(setup, q, scope, issuer):
    response = client_for(setup, "district_a").get(
        "/tim-kiem/", {"q": q, "scope": scope, "issuer": issuer}
    )
    assert response.status_code in (200, 400)
    assert "<main" in response.content.decode()


# Control characters are refused at the edge (portal.operations.request_hygiene): not queries.
QUERY_CHARACTERS = st.characters(
    exclude_characters=[chr(code) for code in range(128) if CONTROL_IN_QUERY.match(chr(code))]
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    q=st.lists(
        st.one_of(
            OPERATORS.filter(lambda operator: not CONTROL_IN_QUERY.search(operator)),
            st.text(QUERY_CHARACTERS, max_size=6),
        ),
        max_size=30,
    ).map("".join)
)
def test_valid_queries_always_run_on_the_engine(setup, q):
    response = client_for(setup, "district_a").get("/api/search/", {"q": q[:200]})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "tối đa" in response.json()["error"]  # only the documented limits refuse a query


def test_raw_query_strings_with_broken_encoding(setup):
    client = client_for(setup, "district_a")
    for raw in ("q=%ff%fe", "q=%00", "q=%ED%A0%80", "scope=%c0%80&q=a", "q=" + "%22" * 3000):
        response = client.get("/api/search/?" + raw)
        assert response.status_code in (200, 400), raw
        response = client.get("/tim-kiem/?" + raw)
        assert response.status_code in (200, 400), raw
