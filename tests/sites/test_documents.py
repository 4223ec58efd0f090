"""Official documents: metadata rules, classified documents refused on every route, the registry."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django_tenants.utils import schema_context
from wagtail.models import Page, Revision

from portal.publications.models import Publication
from sites import document_numbers
from sites.models import Confidentiality, DocumentPage
from sites.models.documents import ClassifiedDocumentRefused
from tests.conftest import client_for
from tests.sites.factories import document, registry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("374-TB/HU", "374-TB/HU"),
        ("Số: 374 - tb/hu", "374-TB/HU"),
        ("164 / TB-UBND", "164/TB-UBND"),
        ("01-TB/BCĐ", "01-TB/BCĐ"),
    ],
)
def test_numbers_are_normalised(raw, expected):
    assert document_numbers.normalise(raw) == expected
    assert document_numbers.is_valid(expected)


@pytest.mark.parametrize("bad", ["TB/HU", "374", "374-", "số 12 abc", ""])
def test_malformed_numbers_are_invalid(bad):
    assert not document_numbers.is_valid(document_numbers.normalise(bad))


def test_number_is_unique_per_issuer_and_year_in_a_unit(network):
    with schema_context(network.units["district_a"].schema_name):
        document("374-TB/HU")
        with pytest.raises(ValidationError) as excinfo:
            document("374-tb/hu")
        assert "number" in excinfo.value.message_dict
        other_year = document("374-TB/HU", issued=datetime.date(2024, 3, 1))  # another year is fine
        document("374-TB/HU", issuer="Huyện ủy Núi Xanh")  # another issuer's number is its own
        # The database enforces it too, for writes that skip validation.
        with pytest.raises(IntegrityError), transaction.atomic():
            DocumentPage.objects.filter(pk=other_year.pk).update(issued=datetime.date(2025, 2, 2))
    with schema_context(network.units["district_b"].schema_name):
        document("374-TB/HU")  # another unit may use the same number


def test_effective_date_not_before_issue_date(network):
    with schema_context(network.units["district_a"].schema_name):
        with pytest.raises(ValidationError) as excinfo:
            document(
                "12-KH/HU", issued=datetime.date(2025, 5, 2), effective=datetime.date(2025, 5, 1)
            )
        assert "effective" in excinfo.value.message_dict


def test_registry_filters_by_type_issuer_and_year(network):
    with schema_context(network.units["district_a"].schema_name):
        document("374-TB/HU", doc_type="thong-bao", issued=datetime.date(2025, 7, 22))
        document("20-BC/HU", doc_type="bao-cao", issued=datetime.date(2024, 12, 1))
        document(
            "7-KL/HU", doc_type="ket-luan", issuer="Ban Thường vụ", issued=datetime.date(2025, 1, 5)
        )
        document("8-BC/HU", publish=False, doc_type="bao-cao")
    client = client_for(network, "district_a")
    html = client.get("/van-ban/").content.decode()
    assert all(n in html for n in ("374-TB/HU", "20-BC/HU", "7-KL/HU")) and "8-BC/HU" not in html
    html = client.get("/van-ban/?type=bao-cao").content.decode()
    assert "20-BC/HU" in html and "374-TB/HU" not in html
    html = client.get("/van-ban/?year=2025&issuer=Ban+Thường+vụ").content.decode()
    assert "7-KL/HU" in html and "374-TB/HU" not in html and "20-BC/HU" not in html
    assert "374-TB/HU" not in client_for(network, "district_b").get("/van-ban/").content.decode()


def test_document_page_shows_full_metadata(network):
    with schema_context(network.units["district_a"].schema_name):
        page = document("374-TB/HU", signer="Nguyễn Văn A", effective=datetime.date(2025, 8, 1))
        url = page.url
    html = client_for(network, "district_a").get(url).content.decode()
    for text in (
        "374-TB/HU",
        "Thông báo",
        "Huyện ủy Núi Đỏ",
        "Nguyễn Văn A",
        "22/07/2025",
        "01/08/2025",
    ):
        assert text in html


CLASSIFIED_LEVELS = [
    (Confidentiality.SECRET, "Mật"),
    (Confidentiality.TOP_SECRET, "Tối mật"),
    (Confidentiality.ABSOLUTE_SECRET, "Tuyệt mật"),
]
REFUSAL = "không được lưu trên cổng thông tin điện tử"


def document_form(**extra):
    form = {
        "title": "Báo cáo tình hình",
        "slug": "bao-cao-tinh-hinh",
        "number": "10-BC/HU",
        "doc_type": "bao-cao",
        "issuer": "Huyện ủy Núi Đỏ",
        "issued": "2025-06-01",
        "abstract": "Báo cáo tình hình",
        "confidentiality": Confidentiality.ORDINARY,
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    form.update(extra)
    return form


def counts(schema):
    with schema_context(schema):
        return (
            DocumentPage.objects.count(),
            Revision.objects.count(),
            Page.objects.get(pk=registry().pk).numchild,
        )


@pytest.mark.parametrize("level, label", CLASSIFIED_LEVELS)
def test_a_classified_document_is_never_stored_by_code(network, level, label):
    schema = network.units["district_a"].schema_name
    before = counts(schema)
    with schema_context(schema):
        with pytest.raises(ClassifiedDocumentRefused) as refusal:
            document("05-BC/HU", publish=False, confidentiality=level)
        assert label in refusal.value.messages[0]
        live = document("06-BC/HU")
        live.confidentiality = level
        with pytest.raises(ClassifiedDocumentRefused):
            live.save_revision()
        with pytest.raises(ClassifiedDocumentRefused):
            live.save()
        assert DocumentPage.objects.get(pk=live.pk).confidentiality == Confidentiality.ORDINARY
    pages, revisions, children = counts(schema)
    assert pages == before[0] + 1 and children == before[2] + 1, "only the ordinary document"
    assert revisions == before[1] + 1


@pytest.mark.parametrize(
    "role, action",
    [
        ("editor", "action-publish"),
        ("editor", None),  # save draft
        ("contributor", "action-submit"),
        ("contributor", None),
    ],
)
@pytest.mark.parametrize("level, label", CLASSIFIED_LEVELS)
def test_the_page_form_refuses_a_new_classified_document(network, role, action, level, label):
    schema = network.units["district_a"].schema_name
    with schema_context(schema):
        parent_id = registry().pk
    before = counts(schema)
    client = client_for(network, "district_a", network.users[f"district_a_{role}"])
    form = document_form(confidentiality=level, **({action: action} if action else {}))
    response = client.post(f"/admin/pages/add/portal_sites/documentpage/{parent_id}/", form)
    assert response.status_code == 200
    html = response.content.decode()
    assert REFUSAL in html and f"“{label}”" in html
    assert counts(schema) == before
    assert not Publication.objects.filter(unit=network.units["district_a"], title=form["title"])


@pytest.mark.parametrize("action", ["action-publish", None])
def test_a_live_document_switched_to_classified_is_refused_in_the_form(network, action):
    schema = network.units["district_a"].schema_name
    with schema_context(schema):
        page = document("11-BC/HU")
        title, revision_id = page.title, page.latest_revision_id
    before = counts(schema)
    editor = client_for(network, "district_a", network.users["district_a_editor"])
    form = document_form(
        title="Đổi tên khi chuyển mật",
        slug=page.slug,
        number="11-BC/HU",
        confidentiality=Confidentiality.TOP_SECRET,
        **({action: action} if action else {}),
    )
    response = editor.post(f"/admin/pages/{page.pk}/edit/", form)
    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    assert counts(schema) == before
    with schema_context(schema):
        kept = DocumentPage.objects.get(pk=page.pk)
        assert kept.live and kept.confidentiality == Confidentiality.ORDINARY
        assert (kept.title, kept.latest_revision_id) == (title, revision_id)
    assert Publication.objects.filter(
        unit=network.units["district_a"], object_id=page.pk, title=title
    ).exists()


def test_effective_date_before_issue_date_is_refused_in_the_admin(network):
    with schema_context(network.units["district_a"].schema_name):
        parent_id = registry().pk
    editor = client_for(network, "district_a", network.users["district_a_editor"])
    form = document_form(
        confidentiality=Confidentiality.ORDINARY, issued="2025-06-10", effective="2025-06-01"
    )
    response = editor.post(
        f"/admin/pages/add/portal_sites/documentpage/{parent_id}/", {**form, "action-publish": "1"}
    )
    assert "Ngày có hiệu lực không được trước ngày ban hành" in response.content.decode()
    with schema_context(network.units["district_a"].schema_name):
        assert not DocumentPage.objects.filter(number="10-BC/HU").exists()
