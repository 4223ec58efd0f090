"""Digital signatures end to end: pushed or imported PDFs, the worker, page, registry, ledger."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_tenants.utils import schema_context

from portal.audit.models import AuditEntry
from portal.publications.models import Publication
from sites.intake.models import DocumentSignature, TrustRoot
from sites.models import DocumentPage
from tests.conftest import client_for

from .conftest import API, METADATA, api_client, push

pytestmark = pytest.mark.django_db

VALID = "Đã ký số bởi Nguyễn Văn An, Huyện ủy Tam Giang lúc "
VALID_END = " — chữ ký hợp lệ"
TAMPERED = "Chữ ký không hợp lệ: văn bản đã bị thay đổi sau khi ký"
UNTRUSTED = "Không xác minh được nguồn chứng thư"
TRUST_PAGE = "/admin/ket-noi-van-ban/chung-thu-goc/"


@pytest.fixture
def ca_file(pki, tmp_path):
    path = tmp_path / "ca.pem"
    path.write_bytes(pki.ca_pem)
    return path


def trust(ca_file) -> None:
    call_command("trust_roots", "add", str(ca_file), stdout=StringIO())


def check() -> None:
    call_command("check_signatures", stdout=StringIO())


def shown(network, unit_key: str, url: str) -> str:
    path = url.split(".localhost", 1)[1]
    answer = api_client(network, unit_key, None).get(path)
    assert answer.status_code == 200
    return answer.content.decode()


def registry_page(network, unit_key: str) -> str:
    return api_client(network, unit_key, None).get("/van-ban/").content.decode()


def ledger_row(network, page_id: int) -> Publication:
    return Publication.objects.get(unit=network.unit("district_a"), object_id=page_id)


def test_the_three_outcomes_of_pushed_documents(network, token_of, pki, ca_file):
    trust(ca_file)
    client = api_client(network, "district_a", token_of("district_a"))
    signed = push(client, pki.signed_pdf, name="ky-so.pdf", number="31-TB/HU").json()
    tampered = push(client, pki.tampered_pdf, name="bi-sua.pdf", number="32-TB/HU").json()
    plain = push(client, pki.unsigned_pdf, name="khong-ky.pdf", number="33-TB/HU").json()
    assert (
        DocumentSignature.objects.filter(unit=network.unit("district_a"), pending=True).count() == 3
    )
    # Nothing is checked in the request: the page says nothing until the worker ran.
    before = shown(network, "district_a", signed["url"])
    assert "Đã ký số" not in before and ledger_row(network, signed["id"]).signature_status == ""

    check()

    page = shown(network, "district_a", signed["url"])
    assert VALID in page and VALID_END in page
    assert TAMPERED in shown(network, "district_a", tampered["url"])
    plain_page = shown(network, "district_a", plain["url"])
    assert "ký số" not in plain_page and "Chữ ký" not in plain_page
    registry = registry_page(network, "district_a")
    assert VALID in registry and TAMPERED in registry and registry.count("signature-") == 2

    row = ledger_row(network, signed["id"])
    assert (row.signature_status, row.signature_signer) == (
        "valid",
        "Nguyễn Văn An, Huyện ủy Tam Giang",
    )
    assert row.signature_signed_at is not None and row.index_pending
    assert ledger_row(network, tampered["id"]).signature_status == "tampered"
    assert ledger_row(network, plain["id"]).signature_status == ""
    listed = {item["id"]: item["signature"] for item in client.get(API).json()["items"]}
    assert listed[signed["id"]] == "valid" and listed[tampered["id"]] == "tampered"
    assert listed[plain["id"]] == ""


def test_untrusted_until_the_root_is_added_and_again_once_removed(network, token_of, pki, ca_file):
    client = api_client(network, "district_a", token_of("district_a"))
    signed = push(client, pki.signed_pdf, name="ky-so.pdf", number="34-TB/HU").json()
    check()
    assert UNTRUSTED in shown(network, "district_a", signed["url"])
    assert ledger_row(network, signed["id"]).signature_status == "untrusted"

    trust(ca_file)
    assert DocumentSignature.objects.filter(pending=True).count() == 1
    check()
    assert VALID in shown(network, "district_a", signed["url"])
    assert ledger_row(network, signed["id"]).signature_status == "valid"
    root = TrustRoot.objects.get()
    assert AuditEntry.objects.filter(action="intake.trust_root_added", target=root.subject).exists()

    call_command("trust_roots", "remove", str(root.pk), stdout=StringIO())
    check()
    assert UNTRUSTED in shown(network, "district_a", signed["url"])
    assert AuditEntry.objects.filter(action="intake.trust_root_removed").count() == 1


def test_imported_documents_are_checked_too(network, pki, ca_file, tmp_path):
    trust(ca_file)
    folder = tmp_path / "kho"
    folder.mkdir()
    (folder / "ky-so.pdf").write_bytes(pki.signed_pdf)
    sidecar = {**METADATA, "number": "35-TB/HU"}
    (folder / "ky-so.pdf.meta.json").write_text(json.dumps(sidecar, ensure_ascii=False))
    call_command("import_documents", "--unit", "TN-HA", str(folder), stdout=StringIO())
    with schema_context(network.unit("district_a").schema_name):
        page = DocumentPage.objects.get(number="35-TB/HU")
        url = page.full_url
    check()
    assert VALID in shown(network, "district_a", url)
    assert ledger_row(network, page.pk).signature_status == "valid"


def test_a_file_uploaded_in_the_admin_is_checked(network, pki, ca_file):
    trust(ca_file)
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(network, "district_a", network.users["district_a_editor"])
    answer = client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("tai-len.pdf", pki.tampered_pdf)},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert answer.status_code == 200, answer.content[:300]
    row = DocumentSignature.objects.get(unit=network.unit("district_a"), pending=True)
    check()
    row.refresh_from_db()
    assert (row.status, row.pending) == ("tampered", False)


def test_trust_roots_in_the_admin_for_network_administrators_only(network, pki):
    from django.core.files.uploadedfile import SimpleUploadedFile

    site_admin = client_for(network, "district_a", network.users["district_a_admin"])
    refused = site_admin.post(TRUST_PAGE, {"certificate": SimpleUploadedFile("ca.pem", pki.ca_pem)})
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert not TrustRoot.objects.exists()

    admin = client_for(network, "province", network.users["network_admin"])
    junk = admin.post(TRUST_PAGE, {"certificate": SimpleUploadedFile("ca.pem", b"not a cert")})
    assert junk.status_code == 200 and "Tệp không chứa chứng thư hợp lệ." in junk.content.decode()
    assert not TrustRoot.objects.exists()
    added = admin.post(TRUST_PAGE, {"certificate": SimpleUploadedFile("ca.pem", pki.ca_pem)})
    assert added.status_code == 302 and added["Location"] == TRUST_PAGE
    root = TrustRoot.objects.get()
    assert "CA Thử nghiệm Cổng thông tin" in root.subject
    assert root.subject in admin.get(TRUST_PAGE).content.decode()
    assert site_admin.post(f"{TRUST_PAGE}{root.pk}/go/").status_code == 302
    assert TrustRoot.objects.filter(pk=root.pk).exists()
    assert admin.post(f"{TRUST_PAGE}{root.pk}/go/").status_code == 302
    assert not TrustRoot.objects.exists()


def test_the_command_refuses_what_is_no_certificate(network, tmp_path):
    junk = tmp_path / "junk.pem"
    junk.write_bytes(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
    for args in (("add", str(junk)), ("add", str(tmp_path / "none.pem")), ("remove", "99999")):
        with pytest.raises(CommandError):
            call_command("trust_roots", *args, stdout=StringIO())
    assert not TrustRoot.objects.exists()
