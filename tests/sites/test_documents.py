"""Official documents: metadata rules, the secret rule on every route, the registry."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django_tenants.utils import schema_context
from wagtail.models import Page

from sites import document_numbers
from sites.models import Confidentiality, DocumentPage
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


def test_number_is_unique_per_unit_and_year(network):
    with schema_context(network.units["district_a"].schema_name):
        document("374-TB/HU")
        with pytest.raises(ValidationError) as excinfo:
            document("374-tb/hu")
        assert "number" in excinfo.value.message_dict
        other_year = document("374-TB/HU", issued=datetime.date(2024, 3, 1))  # another year is fine
        # The database enforces it too, for writes that skip validation.
        with pytest.raises(IntegrityError), transaction.atomic():
            DocumentPage.objects.filter(pk=other_year.pk).update(issued=datetime.date(2025, 2, 2))
    with schema_context(network.units["district_b"].schema_name):
        document("374-TB/HU")  # another unit may use the same number


def test_effective_date_not_before_issue_date(network):
    with schema_context(network.units["district_a"].schema_name):
        with pytest.raises(ValidationError) as excinfo:
            document("12-KH/HU", issued=datetime.date(2025, 5, 2), effective=datetime.date(2025, 5, 1))
        assert "effective" in excinfo.value.message_dict


def test_secret_document_can_never_be_live(network):
    with schema_context(network.units["district_a"].schema_name):
        page = document("05-BC/HU", publish=False, confidentiality=Confidentiality.SECRET)
        with pytest.raises(ValidationError):
            page.save_revision().publish()
        page.refresh_from_db()
        assert not page.live
        page.live = True
        with pytest.raises(ValidationError):
            page.save()
        assert not Page.objects.get(pk=page.pk).live


def test_admin_refuses_to_publish_a_secret_document_and_keeps_the_draft(network):
    editor = network.users["district_a_editor"]
    with schema_context(network.units["district_a"].schema_name):
        parent_id = registry().pk
    client = client_for(network, "district_a", editor)
    form = {
        "title": "Báo cáo mật",
        "slug": "bao-cao-mat",
        "number": "09-BC/HU",
        "doc_type": "bao-cao",
        "issuer": "Huyện ủy Núi Đỏ",
        "issued": "2025-06-01",
        "abstract": "Báo cáo tình hình",
        "confidentiality": Confidentiality.SECRET,
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "action-publish": "action-publish",
    }
    response = client.post(f"/admin/pages/add/portal_sites/documentpage/{parent_id}/", form, follow=True)
    assert "Văn bản mật không được xuất bản" in response.content.decode()
    with schema_context(network.units["district_a"].schema_name):
        draft = DocumentPage.objects.get(number="09-BC/HU")
        assert not draft.live


def test_registry_filters_by_type_issuer_and_year(network):
    with schema_context(network.units["district_a"].schema_name):
        document("374-TB/HU", doc_type="thong-bao", issued=datetime.date(2025, 7, 22))
        document("20-BC/HU", doc_type="bao-cao", issued=datetime.date(2024, 12, 1))
        document("7-KL/HU", doc_type="ket-luan", issuer="Ban Thường vụ", issued=datetime.date(2025, 1, 5))
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
    for text in ("374-TB/HU", "Thông báo", "Huyện ủy Núi Đỏ", "Nguyễn Văn A", "22/07/2025", "01/08/2025"):
        assert text in html
