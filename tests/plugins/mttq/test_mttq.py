"""Fatherland Front and mass organisations: sections per body, leadership, contacts,
documents, and each body's news gathered network-wide through the ledger."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django_tenants.utils import schema_context
from wagtail.documents.models import Document

from plugins.mttq.models import (
    Leader,
    OrganisationDocument,
    OrganisationIndexPage,
    OrganisationNewsPage,
    OrganisationPage,
)
from tests.conftest import client_for
from tests.extensions.helpers import disable, enable, home_of, publish_child
from tests.plugins.forms import submit_page_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def fronts(network):
    """The module is on in the province, district A, commune A (under A) and district B."""
    for key in ("province", "district_a", "commune_a", "district_b"):
        enable(network, key, "plugin_mttq")
    return network


def body_page(network, key, body) -> OrganisationPage:
    with schema_context(network.units[key].schema_name):
        return OrganisationPage.objects.get(body=body)


def add_news(network, key, body, title):
    with schema_context(network.units[key].schema_name):
        parent = OrganisationPage.objects.get(body=body)
        return publish_child(
            parent,
            OrganisationNewsPage(
                title=title,
                slug=title.lower().replace(" ", "-"),
                lead=f"Sapo {title}",
                text=f"<p>Nội dung {title}</p>",
            ),
        )


def test_enabling_creates_the_sections_once(fronts):
    with schema_context(fronts.units["district_a"].schema_name):
        assert OrganisationIndexPage.objects.count() == 1
        bodies = set(OrganisationPage.objects.live().values_list("body", flat=True))
    assert bodies == {
        "mttq",
        "phu-nu",
        "doan-thanh-nien",
        "nong-dan",
        "cuu-chien-binh",
        "cong-doan",
    }
    disable(fronts, "district_a", "plugin_mttq")
    enable(fronts, "district_a", "plugin_mttq")
    with schema_context(fronts.units["district_a"].schema_name):
        assert OrganisationPage.objects.count() == 6
    index = client_for(fronts, "district_a").get("/mat-tran-doan-the/").content.decode()
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam" in index and "Hội Cựu chiến binh" in index


def test_province_front_gathers_the_front_news_of_every_unit_below(fronts):
    add_news(fronts, "district_a", "mttq", "Hoi nghi MTTQ huyen A")
    add_news(fronts, "commune_a", "mttq", "Ngay hoi dai doan ket xa A")
    add_news(fronts, "district_a", "phu-nu", "Hoi Phu nu huyen A tap huan")
    add_news(fronts, "district_b", "mttq", "MTTQ huyen B da tat")
    disable(fronts, "district_b", "plugin_mttq")

    page = client_for(fronts, "province").get("/mat-tran-doan-the/mat-tran-to-quoc/")
    body = page.content.decode()
    assert "Hoi nghi MTTQ huyen A" in body and "Ngay hoi dai doan ket xa A" in body
    assert fronts.units["commune_a"].name in body and fronts.units["district_a"].name in body
    assert "Hoi Phu nu huyen A tap huan" not in body  # another body
    assert "MTTQ huyen B da tat" not in body  # the module is off there

    women = client_for(fronts, "province").get("/mat-tran-doan-the/hoi-phu-nu/").content.decode()
    assert "Hoi Phu nu huyen A tap huan" in women and "Hoi nghi MTTQ" not in women

    district = client_for(fronts, "district_a").get("/mat-tran-doan-the/mat-tran-to-quoc/")
    assert "Ngay hoi dai doan ket xa A" in district.content.decode()
    commune = client_for(fronts, "commune_a").get("/mat-tran-doan-the/mat-tran-to-quoc/")
    assert "Hoi nghi MTTQ huyen A" not in commune.content.decode()  # only units below


def test_section_shows_leadership_contacts_and_documents(fronts, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with schema_context(fronts.units["district_a"].schema_name):
        page = OrganisationPage.objects.get(body="mttq")
        document = Document(title="Điều lệ MTTQ")
        document.file.save("dieu-le.txt", ContentFile("Điều lệ".encode()), save=True)
        page.leaders.add(Leader(name="Nguyễn Thị Lan", position="Chủ tịch Ủy ban MTTQ huyện"))
        page.documents.add(OrganisationDocument(document=document))
        page.address, page.phone = "Số 1 đường Trần Phú", "0214 3800 000"
        page.save_revision().publish()
    body = client_for(fronts, "district_a").get("/mat-tran-doan-the/mat-tran-to-quoc/")
    body = body.content.decode()
    for text in (
        "Nguyễn Thị Lan",
        "Chủ tịch Ủy ban MTTQ huyện",
        "Số 1 đường Trần Phú",
        'href="tel:0214 3800 000"',
        "Điều lệ MTTQ",
    ):
        assert text in body, text
    other = client_for(fronts, "district_b").get("/mat-tran-doan-the/mat-tran-to-quoc/")
    assert "Nguyễn Thị Lan" not in other.content.decode()


def test_a_unit_has_one_section_per_body(fronts):
    with schema_context(fronts.units["district_a"].schema_name):
        index_pk = OrganisationIndexPage.objects.get().pk
    client = client_for(fronts, "district_a", fronts.users["district_a_editor"])
    response = submit_page_form(
        client,
        f"/admin/pages/add/plugin_mttq/organisationpage/{index_pk}/",
        {"title": "MTTQ lần hai", "slug": "mttq-2", "body": "mttq"},
    )
    assert response.status_code == 200
    assert "Đơn vị đã có trang của tổ chức này." in response.content.decode()


def test_editor_publishes_news_through_the_admin(fronts):
    parent = body_page(fronts, "district_a", "doan-thanh-nien")
    client = client_for(fronts, "district_a", fronts.users["district_a_editor"])
    response = submit_page_form(
        client,
        f"/admin/pages/add/plugin_mttq/organisationnewspage/{parent.pk}/",
        {
            "title": "Tháng thanh niên",
            "slug": "thang-thanh-nien",
            "lead": "Ra quân.",
            "date": "2025-03-26 08:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    province = client_for(fronts, "province").get("/mat-tran-doan-the/doan-thanh-nien/")
    assert "Tháng thanh niên" in province.content.decode()


def test_nothing_of_the_module_where_it_is_off(fronts):
    disable(fronts, "district_b", "plugin_mttq")
    client = client_for(fronts, "district_b", fronts.users["network_admin"])
    assert client.get("/mat-tran-doan-the/").status_code == 404
    home = home_of(fronts, "district_b")
    assert (
        client.get(f"/admin/pages/add/plugin_mttq/organisationindexpage/{home.pk}/").status_code
        == 404
    )
    assert 'href="/mat-tran-doan-the/"' not in client.get("/").content.decode()
    assert (
        'href="/mat-tran-doan-the/"' in client_for(fronts, "district_a").get("/").content.decode()
    )
