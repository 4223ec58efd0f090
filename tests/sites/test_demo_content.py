"""The demo content builder: real page types, real files, the ledger filled, idempotent,
per unit, each picture its own."""

import hashlib

import pytest
from django_tenants.utils import schema_context
from PIL import Image
from wagtail.images import get_image_model

from portal.publications.models import Publication, PublicationStatus
from sites import demo_scenes
from sites.demo_content import fill_unit
from sites.models import AlbumPage, ArticlePage, DocumentPage, IntroductionPage, SectionPage
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
        assert made == {"articles": 4, "documents": 2, "albums": 1}
        chain = SectionPage.objects.get(slug="hoat-dong-thuong-truc").get_ancestors().specific()
        assert [p.title for p in chain][-2:] == ["Tin tức - Sự kiện", "Tin trong huyện"]
        articles = list(ArticlePage.objects.live())
        assert len(articles) == 4 and all(a.featured_image for a in articles)
        with articles[0].featured_image.file.open() as picture:
            assert Image.open(picture).size == (1200, 675)
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
        again = fill_unit(unit, None, articles=3, documents=2)
        assert again == {"articles": 0, "documents": 0, "albums": 0}
        assert ArticlePage.objects.count() == 3 and DocumentPage.objects.count() == 2
    assert dict(Publication.objects.filter(unit=unit).values_list("pk", "version")) == versions


def test_every_picture_of_two_units_is_its_own(network, media_root):
    """Articles and albums of two units: no two image files alike, all real 1200×675 JPEGs."""
    digests = []
    for key in ("commune_a", "commune_b"):
        unit = network.unit(key)
        with schema_context(unit.schema_name):
            fill_unit(unit, None, articles=12, documents=0)
            album = AlbumPage.objects.get()
            assert album.photos.count() == 6 and album.live
            images = list(get_image_model().objects.all())
            assert len(images) >= 12 + 6
            for image in images:
                with image.file.open() as file:
                    data = file.read()
                digests.append(hashlib.sha256(data).hexdigest())
                if image.file.name.endswith(".jpg"):
                    assert data[:3] == b"\xff\xd8\xff" and len(data) < 250_000
    assert len(digests) == len(set(digests)), "a picture is repeated"
    home = client_for(network, "commune_a").get("/").content.decode()
    assert 'class="album-strip"' in home and "Một ngày làm việc" in home


def test_scenes_are_deterministic_and_differ_by_seed_and_kind():
    first = demo_scenes.picture("meeting_hall", "Xã Đồng Tâm 1")
    assert first == demo_scenes.picture("meeting_hall", "Xã Đồng Tâm 1")
    others = {demo_scenes.picture(kind, "Xã Đồng Tâm 1") for kind in demo_scenes.kinds()}
    others.add(demo_scenes.picture("meeting_hall", "Xã Đồng Tâm 2"))
    assert first in others and len(others) == len(demo_scenes.kinds()) + 1
