"""GET /api/search/ on every portal: the documented JSON, filters, scope, clear errors."""

from __future__ import annotations

import datetime

import pytest

from tests.conftest import client_for

from .corpus import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(network):
    units = {key: network.unit(key) for key in network.units}
    publish(
        units["district_a"],
        "Báo cáo kết quả chuyển đổi số năm 2024",
        doc_number="88-BC/HU",
        doc_type="Báo cáo",
        issuer="Huyện ủy Núi Đỏ",
        issued=datetime.date(2024, 12, 20),
        summary="Kết quả chuyển đổi số trong hệ thống chính trị.",
    )
    publish(
        units["district_b"],
        "Kế hoạch chuyển đổi số năm 2025",
        doc_number="12-KH/HU",
        doc_type="Kế hoạch",
        issuer="Huyện ủy Sông Xanh",
        issued=datetime.date(2025, 1, 5),
    )
    publish(
        units["commune_a"],
        "Xã Đồng Tâm ra mắt tổ công nghệ số",
        kind="article",
        summary="Tổ chuyển đổi số cộng đồng.",
    )
    return units


def get(network, unit_key, **params):
    return client_for(network, unit_key).get("/api/search/", params)


def test_answers_the_documented_shape(network, corpus):
    response = get(network, "province", q="chuyen doi so", scope="subtree", doc_type="Báo cáo")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"count", "count_estimated", "corrected", "results", "facets"}
    assert data["corrected"] is None
    assert (data["count"], data["count_estimated"]) == (1, False)
    assert data["results"] == [
        {
            "title": "Báo cáo kết quả chuyển đổi số năm 2024",
            "url": data["results"][0]["url"],
            "unit": "Huyện Núi Đỏ",
            "kind": "document",
            "doc_number": "88-BC/HU",
            "doc_type": "Báo cáo",
            "issuer": "Huyện ủy Núi Đỏ",
            "issued": "2024-12-20",
            "snippet": (
                "Kết quả <mark>chuyển</mark> <mark>đổi</mark> <mark>số</mark>"
                " trong hệ thống chính trị."
            ),
        }
    ]
    # The indexed https address, shown on the scheme and port of the request (http, 80).
    assert data["results"][0]["url"].startswith("http://huyen-a.test.localhost/van-ban/")
    assert set(data["facets"]) == {"unit", "level", "kind", "doc_type", "issuer", "year"}
    assert data["facets"]["doc_type"] == [{"value": "Báo cáo", "label": "Báo cáo", "count": 1}]


def test_scope_defaults_to_the_portal_and_widens(network, corpus):
    def found(unit_key, **params):
        return sorted(
            r["unit"] for r in get(network, unit_key, q="chuyển đổi số", **params).json()["results"]
        )

    assert found("district_a") == ["Huyện Núi Đỏ"]
    assert found("district_a", scope="subtree") == ["Huyện Núi Đỏ", "Xã Đồng Tâm"]
    assert found("district_b", scope="subtree") == ["Huyện Sông Xanh"]
    assert set(found("commune_b", scope="network")) >= {
        "Huyện Núi Đỏ",
        "Huyện Sông Xanh",
        "Xã Đồng Tâm",
    }


def test_filters_by_kind_year_unit_and_repeated_values(network, corpus):
    def count(**params):
        return get(network, "province", q="chuyển đổi số", scope="subtree", **params).json()[
            "count"
        ]

    assert count() == 3
    assert count(kind="article") == 1
    assert count(doc_type=["Báo cáo", "Kế hoạch"]) == 2
    assert count(year="2025") == 1
    assert count(unit=[str(corpus["district_b"].pk), str(corpus["commune_a"].pk)]) == 2
    assert count(issuer="Huyện ủy Sông Xanh") == 1
    assert count(date_from="2024-12-01", date_to="2024-12-31") == 1


def test_sort_and_pages(network, corpus):
    data = get(
        network, "province", q="chuyển đổi số", scope="subtree", sort="date", page="1"
    ).json()
    assert [r["title"] for r in data["results"]][:2] == [
        "Xã Đồng Tâm ra mắt tổ công nghệ số",  # published today
        "Kế hoạch chuyển đổi số năm 2025",
    ]
    beyond = get(network, "province", q="chuyển đổi số", scope="subtree", page="2").json()
    assert (beyond["count"], beyond["results"]) == (3, [])


@pytest.mark.parametrize(
    "params, message",
    [
        ({"q": "a" * 201}, "tối đa 200 ký tự"),
        ({"q": " ".join(f"tu{i}" for i in range(17))}, "tối đa 16 từ"),
        ({"q": "x", "scope": "galaxy"}, "Phạm vi"),
        ({"q": "x", "page": "0"}, ""),
        ({"q": "x", "page": "abc"}, ""),
        ({"q": "x", "year": "năm ngoái"}, "phải là số"),
        ({"q": "x", "date_from": "2025-13-45"}, ""),
        ({"q": "x", "date_from": "2025-02-01", "date_to": "2025-01-01"}, "sau ngày bắt đầu"),
        ({"q": "x", "issuer": "a\x00b"}, "không hợp lệ"),
        ({"q": "x", "kind": [str(i) for i in range(11)]}, "tối đa 10"),
    ],
)
def test_bad_parameters_get_a_clear_400(network, corpus, params, message):
    response = get(network, "district_a", **params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error and message in error


def test_only_get(network, corpus):
    assert client_for(network, "district_a").post("/api/search/", {"q": "x"}).status_code == 405
