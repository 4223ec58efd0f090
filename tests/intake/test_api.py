"""The intake API over HTTP: tokens, pushes, repeats, refusals, field errors, limits, OpenAPI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django_tenants.utils import schema_context
from jsonschema import Draft202012Validator
from wagtail.documents import get_document_model
from wagtail.models import Revision

from portal.audit.models import AuditEntry
from portal.publications.models import Publication
from sites.intake import tokens
from sites.intake.models import IntakeToken
from sites.models import DocumentPage

from .conftest import API, METADATA, api_client, push

pytestmark = pytest.mark.django_db

TEXT = "Thông báo kết luận của Ban Thường vụ Huyện ủy.\n".encode()


def stored(network, unit_key: str) -> dict:
    """What a push could have left behind in a unit: pages, revisions, files, ledger rows."""
    unit = network.unit(unit_key)
    media = Path(settings.MEDIA_ROOT)
    with schema_context(unit.schema_name):
        return {
            "pages": DocumentPage.objects.count(),
            "revisions": Revision.objects.count(),
            "documents": get_document_model().objects.count(),
            "ledger": Publication.objects.filter(unit=unit).count(),
            "files": sorted(str(path) for path in media.rglob("*") if path.is_file()),
        }


def test_push_creates_a_published_document_in_the_ledger(network, token_of):
    client = api_client(network, "district_a", token_of("district_a"))
    answer = push(client, TEXT, name="thong-bao-12.txt")
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["status"] == "published" and body["changed"] is True
    assert body["url"].startswith("http://huyen-a.test.localhost/van-ban/")
    unit = network.unit("district_a")
    with schema_context(unit.schema_name):
        page = DocumentPage.objects.get(pk=body["id"])
        assert page.live and page.number == "12-TB/HU" and page.doc_type == "thong-bao"
    row = Publication.objects.get(unit=unit, kind="document", object_id=body["id"])
    assert row.doc_number == "12-TB/HU" and row.status == "live"
    page_answer = api_client(network, "district_a", None).get(body["url"].split("localhost")[1])
    assert page_answer.status_code == 200
    assert "Kết luận của Ban Thường vụ Huyện ủy về chuyển đổi số" in page_answer.content.decode()


def test_a_repeat_keeps_the_id_and_changes_nothing_unless_something_changed(network, token_of):
    client = api_client(network, "district_a", token_of("district_a"))
    first = push(client, TEXT, name="a.txt").json()
    unit = network.unit("district_a")
    version = Publication.objects.get(unit=unit, object_id=first["id"]).version
    before = stored(network, "district_a")

    repeat = push(client, TEXT, name="a.txt")
    assert repeat.status_code == 200
    assert repeat.json() == {**first, "changed": False}
    assert stored(network, "district_a") == before
    assert Publication.objects.get(unit=unit, object_id=first["id"]).version == version

    corrected = push(client, TEXT + b"Bo sung.\n", name="a.txt", abstract="Kết luận đã sửa")
    assert corrected.status_code == 200
    assert corrected.json()["id"] == first["id"] and corrected.json()["changed"] is True
    with schema_context(unit.schema_name):
        page = DocumentPage.objects.get(pk=first["id"])
        assert page.abstract == "Kết luận đã sửa"
        assert DocumentPage.objects.count() == before["pages"]
        file_hashes = [item.document.file_hash for item in page.attachments.all()]
    assert len(file_hashes) == 1
    row = Publication.objects.get(unit=unit, object_id=first["id"])
    assert row.summary == "Kết luận đã sửa" and row.version > version


def test_an_unpublished_push_stays_a_draft(network, token_of):
    client = api_client(network, "district_a", token_of("district_a"))
    answer = push(client, TEXT, name="nhap.txt", number="13-TB/HU", publish=False)
    assert answer.status_code == 201 and answer.json()["status"] == "draft"
    assert not Publication.objects.filter(object_id=answer.json()["id"]).exists()


@pytest.mark.parametrize("level", ["mat", "Tối mật", "tuyet-mat"])
def test_a_classified_document_is_refused_and_nothing_is_stored(network, token_of, level):
    client = api_client(network, "district_a", token_of("district_a"))
    before = stored(network, "district_a")
    answer = push(client, TEXT, name="mat.txt", number="14-TB/HU", confidentiality=level)
    assert answer.status_code == 403
    # The one rule every entrance shares (sites.models.documents.refuse_if_classified).
    assert "không được lưu trên cổng thông tin điện tử" in answer.json()["detail"]
    assert stored(network, "district_a") == before


def test_a_classified_version_of_a_published_document_is_refused(network, token_of):
    client = api_client(network, "district_a", token_of("district_a"))
    first = push(client, TEXT, name="b.txt", number="15-TB/HU").json()
    before = stored(network, "district_a")
    answer = push(client, TEXT, name="b.txt", number="15-TB/HU", confidentiality="mat")
    assert answer.status_code == 403
    assert stored(network, "district_a") == before
    with schema_context(network.unit("district_a").schema_name):
        assert DocumentPage.objects.get(pk=first["id"]).confidentiality == "thuong"


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"number": "không có số"}, "number", "không đúng dạng"),
        ({"type": "Thư tình"}, "type", "không có giá trị"),
        ({"issued": "2025-13-40"}, "issued", "không phải ngày hợp lệ"),
        ({"issued": None}, "issued", "Bắt buộc có ngày ban hành"),
        ({"effective": "2025-01-01"}, "effective", "trước ngày ban hành"),
        ({"publish": "có"}, "publish", "phải là true hoặc false"),
        ({"so_hieu": "1"}, "so_hieu", "khóa không được hỗ trợ"),
        ({"issuer": "x" * 201}, "issuer", "dài quá 200 ký tự"),
    ],
)
def test_bad_metadata_gets_field_errors_in_vietnamese(network, token_of, changes, field, words):
    client = api_client(network, "district_a", token_of("district_a"))
    before = stored(network, "district_a")
    answer = push(client, TEXT, name="loi.txt", **changes)
    assert answer.status_code == 422
    body = answer.json()
    assert body["detail"] == "Thông tin văn bản không hợp lệ."
    assert words in body["errors"][field]
    assert stored(network, "district_a") == before


def test_every_bad_key_is_reported_at_once(network, token_of):
    client = api_client(network, "district_a", token_of("district_a"))
    bad = {"number": "abc", "type": "Thư", "issued": "2025-02-30", "so_hieu": "1", "signer": 5}
    answer = push(client, TEXT, name="loi.txt", **bad)
    assert answer.status_code == 422
    assert set(answer.json()["errors"]) == {"number", "type", "issued", "so_hieu", "signer"}
    assert "charset=utf-8" in answer["Content-Type"] or answer["Content-Type"] == "application/json"
    assert "Thông tin văn bản không hợp lệ." in answer.content.decode()


@pytest.mark.parametrize(
    ("form", "field"),
    [
        ({"metadata": "{không phải JSON"}, "metadata"),
        ({"metadata": "[1, 2]"}, "metadata"),
        ({"metadata": json.dumps(METADATA)}, "file"),
        ({"file": True}, "metadata"),
    ],
)
def test_broken_requests_get_field_errors(network, token_of, form, field):
    client = api_client(network, "district_a", token_of("district_a"))
    before = stored(network, "district_a")
    if form.get("file", True):
        form = {**form, "file": SimpleUploadedFile("a.txt", TEXT)}
    if field == "file":
        form.pop("file")
    answer = client.post(API, form)
    assert answer.status_code == 422
    assert field in answer.json()["errors"]
    assert stored(network, "district_a") == before


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("gia-mao.pdf", b"MZ\x90\x00 not a pdf"),
        ("bang-tinh.xls", b"PK\x03\x04"),
        ("rong.txt", b""),
        ("../../etc/passwd.txt", b"\xff\xfe\x00"),
    ],
)
def test_files_of_the_wrong_kind_are_refused(network, token_of, name, content):
    client = api_client(network, "district_a", token_of("district_a"))
    before = stored(network, "district_a")
    answer = push(client, content, name=name)
    assert answer.status_code == 422
    assert answer.json()["errors"]["file"]
    assert stored(network, "district_a") == before


def test_missing_wrong_revoked_and_foreign_tokens_get_401(network, token_of):
    before = stored(network, "district_a")
    secret = token_of("district_a")
    foreign = token_of("district_b")
    revoked = token_of("district_a", "cũ")
    tokens.revoke(IntakeToken.objects.get(token_hash=tokens.digest(revoked)))
    for attempt in (None, "", secret[:-1] + "x", secret.upper(), revoked, foreign, "pvb_"):
        client = api_client(network, "district_a", attempt)
        answer = push(client, TEXT, name="c.txt", number="16-TB/HU")
        assert answer.status_code == 401, attempt
        assert answer.json()["detail"] == "Thiếu mã kết nối, mã sai hoặc đã bị thu hồi."
        assert answer["WWW-Authenticate"] == "Bearer"
        assert api_client(network, "district_a", attempt).get(API).status_code == 401
    session_only = api_client(network, "district_a", None)
    session_only.force_login(network.users["network_admin"])
    assert session_only.get(API).status_code == 401
    assert stored(network, "district_a") == before


def test_a_token_works_only_on_its_own_units_host(network, token_of):
    secret = token_of("district_b")
    assert api_client(network, "district_b", secret).get(API).status_code == 200
    assert api_client(network, "district_a", secret).get(API).status_code == 401


def test_every_use_is_audited_and_dated(network, token_of):
    secret = token_of("district_a")
    token = IntakeToken.objects.get(token_hash=tokens.digest(secret))
    assert token.last_used_at is None
    answer = push(api_client(network, "district_a", secret), TEXT, name="d.txt", number="17-TB/HU")
    api_client(network, "district_a", secret).get(API + "?since=2020-01-01")
    uses = AuditEntry.objects.filter(action="intake.token_used", details__token=token.pk)
    assert [entry.details["action"] for entry in uses.order_by("pk")] == ["push", "list"]
    assert uses.filter(details__status=201, details__id=answer.json()["id"]).count() == 1
    assert all(entry.unit_code == "TN-HA" for entry in uses)
    token.refresh_from_db()
    assert token.last_used_at is not None


@override_settings(PORTAL_INTAKE_RATE_LIMIT=3)
def test_rate_limited_per_token(network, token_of):
    secret, other = token_of("district_a"), token_of("district_a", "khác")
    client = api_client(network, "district_a", secret)
    assert [client.get(API).status_code for _ in range(3)] == [200, 200, 200]
    before = stored(network, "district_a")
    refused = push(client, TEXT, name="e.txt", number="18-TB/HU")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["detail"] == "Quá nhiều yêu cầu, hãy thử lại sau."
    assert stored(network, "district_a") == before
    assert api_client(network, "district_a", other).get(API).status_code == 200


def test_listing_since_a_date(network, token_of):
    client = api_client(network, "district_a", token_of("district_a"))
    created = push(client, TEXT, name="f.txt", number="19-TB/HU").json()
    listed = client.get(API + "?since=2000-01-01").json()["items"]
    assert created["id"] in [item["id"] for item in listed]
    assert client.get(API + "?since=2999-01-01").json() == {"items": []}
    bad = client.get(API + "?since=hôm-qua")
    assert bad.status_code == 422 and "since" in bad.json()["errors"]
    other = api_client(network, "district_b", token_of("district_b")).get(API).json()["items"]
    assert created["id"] not in [
        item["id"] for item in other if item["url"].startswith("http://huyen-a.")
    ]


def _validator(document: dict, name: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": f"#/components/schemas/{name}", "components": document["components"]}
    )


def test_openapi_describes_the_live_answers(network, token_of):
    document = api_client(network, "district_a", None).get("/api/v1/openapi.json").json()
    Draft202012Validator.check_schema(document["components"]["schemas"]["DocumentOut"])
    post = document["paths"]["/api/v1/documents/"]["post"]
    assert set(post["responses"]) >= {"200", "201", "401", "403", "422", "429"}
    assert post["security"] == [{"UnitToken": []}]

    def schema_for(method: str, status: int) -> str:
        content = document["paths"][API][method]["responses"][str(status)]["content"]
        return content["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]

    client = api_client(network, "district_a", token_of("district_a"))
    answers = [
        ("post", push(client, TEXT, name="g.txt", number="20-TB/HU")),
        ("post", push(client, TEXT, name="g.txt", number="20-TB/HU")),
        ("post", push(client, TEXT, name="h.txt", number="sai")),
        ("post", push(client, TEXT, name="m.txt", number="21-TB/HU", confidentiality="mat")),
        ("post", push(api_client(network, "district_a", "pvb_sai"), TEXT)),
        ("get", client.get(API)),
        ("get", client.get(API + "?since=sai")),
    ]
    assert [answer.status_code for _, answer in answers] == [201, 200, 422, 403, 401, 200, 422]
    for method, answer in answers:
        _validator(document, schema_for(method, answer.status_code)).validate(answer.json())


@pytest.mark.parametrize(
    "changes",
    [
        {"abstract": "Trích yếu\x00 có ký tự NUL"},
        {"issuer": "\ud800"},
        {"number": "1-TB/HU" + "/X" * 40},
    ],
)
def test_hostile_metadata_never_makes_a_500(network, token_of, changes):
    client = api_client(network, "district_a", token_of("district_a"))
    before = stored(network, "district_a")
    answer = client.post(
        API,
        {
            "metadata": json.dumps({**METADATA, "number": "50-TB/HU", **changes}),
            "file": SimpleUploadedFile("a.txt", TEXT),
        },
    )
    assert answer.status_code == 422, answer.content
    assert stored(network, "district_a") == before


def test_a_hostile_file_name_is_stored_harmlessly(network, token_of):
    client = api_client(network, "district_a", token_of("district_a"))
    answer = push(client, TEXT, name="../\x00ten?.txt", number="51-TB/HU")
    assert answer.status_code == 201, answer.content
    entry = AuditEntry.objects.get(action="intake.token_used", details__id=answer.json()["id"])
    assert entry.details["file"] == "ten.txt"
