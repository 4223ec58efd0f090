"""From Wagtail to results: what editors publish is searchable at once, and only that."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from django_tenants.utils import schema_context

from search.engines import engine_named
from search.postgres.indexing import store_attachment_text
from search.query import SearchQuery
from sites.models.documents import Confidentiality
from tests.conftest import client_for
from tests.publications.pages import add_article, add_document, entry, news
from tests.sites.factories import document

from .corpus import publish, titles

pytestmark = pytest.mark.django_db


def api_titles(network, unit_key, q, scope="portal"):
    response = client_for(network, unit_key).get("/api/search/", {"q": q, "scope": scope})
    assert response.status_code == 200
    return [result["title"] for result in response.json()["results"]]


def test_published_is_found_at_once_and_unpublished_is_gone(network):
    unit = network.unit("district_a")
    with schema_context(unit.schema_name):
        article = add_article(news(), "Hội thi tìm hiểu lịch sử Đảng bộ huyện", "hoi-thi")
    assert api_titles(network, "district_a", "hoi thi lich su") == [
        "Hội thi tìm hiểu lịch sử Đảng bộ huyện"
    ]
    assert api_titles(network, "district_b", "hoi thi lich su") == []  # another portal's own scope
    with schema_context(unit.schema_name):
        article.title = "Hội thi tìm hiểu truyền thống"
        article.save_revision().publish()
    assert api_titles(network, "district_a", "hoi thi lich su") == ["Hội thi tìm hiểu truyền thống"]
    assert api_titles(network, "district_a", "truyen thong") == ["Hội thi tìm hiểu truyền thống"]
    with schema_context(unit.schema_name):
        article.unpublish()
    assert api_titles(network, "district_a", "hội thi", scope="network") == []


def test_a_secret_document_is_never_found(network):
    unit = network.unit("district_b")
    with schema_context(unit.schema_name):
        with pytest.raises(ValidationError):  # refused whole: never stored
            document(
                "77-BC/HU",
                publish=False,
                confidentiality=Confidentiality.SECRET,
                abstract="Báo cáo tuyệt mật về quốc phòng.",
            )
        add_document("78-BC/HU", title="Báo cáo công khai về quốc phòng")
    assert api_titles(network, "province", "quốc phòng", scope="subtree") == [
        "Báo cáo công khai về quốc phòng"
    ]
    assert api_titles(network, "district_b", "tuyệt mật", scope="network") == []
    assert api_titles(network, "province", "77-BC/HU", scope="network") == []


def test_an_expired_page_is_gone_once_wagtail_expires_it(network):
    unit = network.unit("commune_a")
    with schema_context(unit.schema_name):
        article = add_article(news(), "Thông báo tuyển dụng có thời hạn", "tuyen-dung")
        article.expire_at = timezone.now() - datetime.timedelta(minutes=1)
        article.save()
        call_command("publish_scheduled")
        article.refresh_from_db()
        assert article.expired and not article.live
        assert entry(unit, article).status == "withdrawn"
    assert api_titles(network, "commune_a", "tuyển dụng") == []


def test_a_document_is_found_by_its_number_as_citizens_type_it(network):
    unit = network.unit("district_a")
    with schema_context(unit.schema_name):
        add_document(
            "374-TB/HU", title="Thông báo kết luận của Ban Thường vụ", doc_type="thong-bao"
        )
        add_document("375-TB/HU", title="Thông báo 374 về TB HU")
    for typed in ("374-TB/HU", "374 - TB/HU", "so 374-tb/hu"):
        results = (
            client_for(network, "province")
            .get("/api/search/", {"q": typed, "scope": "subtree"})
            .json()["results"]
        )
        assert results[0]["doc_number"] == "374-TB/HU", typed
        assert results[0]["doc_type"] == "Thông báo"


def test_attachment_text_is_searched_and_ranks_last(network):
    units = {key: network.unit(key) for key in ("district_a", "district_b")}
    in_attachment = publish(units["district_a"], "Văn bản có tệp đính kèm")
    publish(units["district_b"], "Văn bản khác", body_text="Quy hoạch vùng nguyên liệu chè.")
    store_attachment_text(in_attachment.pk, "Phụ lục: quy hoạch vùng nguyên liệu chè.")
    results = engine_named("postgres").search(
        SearchQuery(
            text="quy hoạch vùng nguyên liệu chè",
            scope="subtree",
            unit_id=network.unit("province").pk,
        )
    )
    assert titles(results) == ["Văn bản khác", "Văn bản có tệp đính kèm"]
    # A later ledger write keeps the attachment text.
    in_attachment.title = "Văn bản có tệp đính kèm (sửa)"
    in_attachment.save()
    results = engine_named("postgres").search(
        SearchQuery(text="nguyên liệu chè", scope="portal", unit_id=units["district_a"].pk)
    )
    assert titles(results) == ["Văn bản có tệp đính kèm (sửa)"]
