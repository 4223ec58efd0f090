"""The demo content builder: real page types, real files, the ledger filled, idempotent, per
unit."""

import pytest
from django_tenants.utils import schema_context
from PIL import Image

from portal.publications.models import Publication, PublicationStatus
from sites.demo_content import fill_unit
from sites.models import ArticlePage, DocumentPage, IntroductionPage, SectionPage
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_a_unit_gets_nested_sections_articles_and_documents_with_files(network, media_root):
    unit = network.unit("district_a")
    with schema_context(unit.schema_name):
        made = fill_unit(unit, network.users["district_a_editor"], articles=4, documents=2)
        assert made == {"articles": 4, "documents": 2}
        chain = SectionPage.objects.get(slug="hoat-dong-thuong-truc").get_ancestors().specific()
        assert [p.title for p in chain][-2:] == ["Tin tức - Sự kiện", "Tin trong huyện"]
        articles = list(ArticlePage.objects.live())
        assert len(articles) == 4 and all(a.featured_image for a in articles)
        with articles[0].featured_image.file.open() as picture:
            assert Image.open(picture).size == (960, 540)
        documents = list(DocumentPage.objects.live())
        assert {d.number for d in documents} == {"01-TB/HU", "02-NQ/HU"}
        for document in documents:
            attachment = document.attachments.get().document
            with attachment.file.open() as file:
                assert file.read(5) == b"%PDF-"
            assert document.issuer == "Huyện ủy Núi Đỏ"
        intro = IntroductionPage.objects.get()
        assert intro.leaders.count() == 3 and intro.organisation_chart is not None
        article_url = articles[0].url
    entries = Publication.objects.filter(unit=unit, status=PublicationStatus.LIVE)
    assert entries.filter(kind="article").count() == 4
    assert entries.filter(kind="document").count() == 2
    assert not Publication.objects.filter(unit=network.unit("district_b")).exists()

    html = client_for(network, "district_a").get(article_url).content.decode()
    assert "Huyện ủy Núi Đỏ" in html or "Huyện Núi Đỏ" in html
    assert client_for(network, "district_b").get(article_url).status_code == 404


def test_running_again_adds_nothing(network, media_root):
    unit = network.unit("district_b")
    with schema_context(unit.schema_name):
        fill_unit(unit, None, articles=3, documents=2)
        versions = dict(Publication.objects.filter(unit=unit).values_list("pk", "version"))
        assert fill_unit(unit, None, articles=3, documents=2) == {"articles": 0, "documents": 0}
        assert ArticlePage.objects.count() == 3 and DocumentPage.objects.count() == 2
    assert dict(Publication.objects.filter(unit=unit).values_list("pk", "version")) == versions
