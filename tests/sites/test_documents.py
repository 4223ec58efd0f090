"""Official documents: metadata rules, the secret rule on every route, the registry."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django_tenants.utils import schema_context
from wagtail.models import Page, PageLogEntry

from portal.publications.models import Publication
from sites import document_numbers
from sites.models import Confidentiality, DocumentPage
from sites.wagtail_hooks import PUBLISH_REFUSED
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
    response = client.post(
        f"/admin/pages/add/portal_sites/documentpage/{parent_id}/", form, follow=True
    )
    assert "Văn bản mật không được xuất bản" in response.content.decode()
    with schema_context(network.units["district_a"].schema_name):
        draft = DocumentPage.objects.get(number="09-BC/HU")
        assert not draft.live
        assert PageLogEntry.objects.filter(page_id=draft.pk, action=PUBLISH_REFUSED).exists()


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


def secret_form(**extra):
    form = {
        "title": "Báo cáo mật gửi duyệt",
        "slug": "bao-cao-mat-gui-duyet",
        "number": "10-BC/HU",
        "doc_type": "bao-cao",
        "issuer": "Huyện ủy Núi Đỏ",
        "issued": "2025-06-01",
        "abstract": "Báo cáo tình hình",
        "confidentiality": Confidentiality.SECRET,
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    form.update(extra)
    return form


def test_a_secret_document_is_never_submitted_for_approval(network):
    with schema_context(network.units["district_a"].schema_name):
        parent_id = registry().pk
    contributor = client_for(network, "district_a", network.users["district_a_contributor"])
    response = contributor.post(
        f"/admin/pages/add/portal_sites/documentpage/{parent_id}/",
        secret_form(**{"action-submit": "action-submit"}),
        follow=True,
    )
    assert "Văn bản mật không được gửi duyệt xuất bản" in response.content.decode()
    with schema_context(network.units["district_a"].schema_name):
        draft = DocumentPage.objects.get(number="10-BC/HU")
        assert not draft.live and draft.current_workflow_state is None


def test_turning_a_submitted_document_secret_cancels_its_approval(network):
    schema = network.units["district_a"].schema_name
    contributor_user = network.users["district_a_contributor"]
    with schema_context(schema):
        page = document("11-BC/HU", publish=False)
        page.save_revision(user=contributor_user)
        page.get_workflow().start(page, contributor_user)
        assert page.current_workflow_state is not None
    editor = client_for(network, "district_a", network.users["district_a_editor"])
    form = secret_form(title=page.title, slug=page.slug, number="11-BC/HU")
    response = editor.post(f"/admin/pages/{page.pk}/edit/", form, follow=True)
    assert "yêu cầu duyệt xuất bản đã được hủy" in response.content.decode()
    with schema_context(schema):
        page = DocumentPage.objects.get(pk=page.pk)
        assert page.is_classified and not page.live
        assert page.current_workflow_state is None


def test_approving_a_secret_document_behind_the_admins_back_publishes_nothing(network):
    schema = network.units["district_a"].schema_name
    with schema_context(schema):
        page = document("12-BC/HU", publish=False, confidentiality=Confidentiality.SECRET)
        page.save_revision()
        state = page.get_workflow().start(page, network.users["district_a_contributor"])
        with pytest.raises(ValidationError):
            state.current_task_state.approve(user=network.users["district_a_editor"])
        assert not Page.objects.get(pk=page.pk).live
    assert not Publication.objects.filter(
        unit=network.units["district_a"], object_id=page.pk
    ).exists()


def test_bulk_publishing_refuses_secret_documents_and_logs_it(network):
    schema = network.units["district_a"].schema_name
    with schema_context(schema):
        secret = document("13-BC/HU", publish=False, confidentiality=Confidentiality.SECRET)
        secret.save_revision()
    editor = client_for(network, "district_a", network.users["district_a_editor"])
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = editor.post(f"{url}?id={secret.pk}", {"include_descendants": ""}, follow=True)
    assert "văn bản mật trong danh sách chọn" in response.content.decode()
    with schema_context(schema):
        assert not Page.objects.get(pk=secret.pk).live
        refusals = PageLogEntry.objects.filter(page_id=secret.pk, action=PUBLISH_REFUSED)
        assert refusals.get().user_id == network.users["district_a_editor"].pk
    with schema_context(network.units["district_b"].schema_name):
        assert not PageLogEntry.objects.filter(action=PUBLISH_REFUSED).exists()


def test_effective_date_before_issue_date_is_refused_in_the_admin(network):
    with schema_context(network.units["district_a"].schema_name):
        parent_id = registry().pk
    editor = client_for(network, "district_a", network.users["district_a_editor"])
    form = secret_form(
        confidentiality=Confidentiality.ORDINARY, issued="2025-06-10", effective="2025-06-01"
    )
    response = editor.post(
        f"/admin/pages/add/portal_sites/documentpage/{parent_id}/", {**form, "action-publish": "1"}
    )
    assert "Ngày có hiệu lực không được trước ngày ban hành" in response.content.decode()
    with schema_context(network.units["district_a"].schema_name):
        assert not DocumentPage.objects.filter(number="10-BC/HU").exists()
