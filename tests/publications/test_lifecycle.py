"""Publish, unpublish, move and delete in a unit write the right ledger rows."""

import pytest
from django_tenants.utils import schema_context
from wagtail.models import PageViewRestriction

from portal.publications.models import Publication, PublicationStatus
from sites.models import StandardPage

from .pages import add_article, add_section, entries, entry, news, portal_url

pytestmark = pytest.mark.django_db

LIVE, WITHDRAWN, DELETED = (
    PublicationStatus.LIVE,
    PublicationStatus.WITHDRAWN,
    PublicationStatus.DELETED,
)


def test_publishing_an_article_writes_its_entry(network):
    unit = network.unit("district_a")
    with schema_context(unit.schema_name):
        article = add_article(news(), "Hội nghị Ban Chấp hành", "hoi-nghi")
    row = entry(unit, article)
    assert (row.kind, row.status, row.version, row.index_pending) == ("article", LIVE, 1, True)
    assert row.url == portal_url(network, "district_a", "/tin-tuc-su-kien/hoi-nghi/")
    assert row.title == "Hội nghị Ban Chấp hành"
    assert row.summary == "Sapo của Hội nghị Ban Chấp hành."
    # One line per block; the paragraphs of one rich text block share a line.
    assert row.body_text == (
        "Nội dung Hội nghị Ban Chấp hành. Đoạn hai.\nĐoàn kết, đoàn kết.\nBác Hồ"
    )
    assert row.section_title == "Tin tức - Sự kiện"
    assert row.section_url == portal_url(network, "district_a", "/tin-tuc-su-kien/")
    assert row.published_at == article.first_published_at
    assert row.updated_at == article.last_published_at
    assert (row.doc_number, row.image_url, row.attachments) == ("", "", [])


def test_republishing_updates_the_entry_and_bumps_its_version(network):
    unit = network.unit("district_a")
    with schema_context(unit.schema_name):
        article = add_article(news(), "Tin cũ", "tin")
        first_published = entry(unit, article).published_at
        Publication.objects.filter(pk=entry(unit, article).pk).update(index_pending=False)
        article.title = "Tin mới"
        article.save_revision().publish()
    row = entry(unit, article)
    assert (row.title, row.version, row.index_pending) == ("Tin mới", 2, True)
    assert row.published_at == first_published  # the first publication stays


def test_unpublish_withdraws_and_republish_brings_back(network):
    unit = network.unit("district_a")
    with schema_context(unit.schema_name):
        article = add_article(news(), "Tin", "tin")
        article.unpublish()
        assert (entry(unit, article).status, entry(unit, article).version) == (WITHDRAWN, 2)
        article.save_revision().publish()
    assert (entry(unit, article).status, entry(unit, article).version) == (LIVE, 3)


def test_deleting_a_live_article_keeps_a_deleted_row(network):
    unit = network.unit("district_a")
    with schema_context(unit.schema_name):
        article = add_article(news(), "Tin", "tin")
        Publication.objects.filter(unit=unit).update(index_pending=False)
        article.delete()
    row = entry(unit, article)
    # Wagtail unpublishes a live page before deleting it: withdrawn, then deleted.
    assert (row.status, row.version, row.index_pending) == (DELETED, 3, True)
    assert row.title == "Tin"  # kept for the indexers


def test_deleting_a_section_deletes_the_rows_of_its_articles(network):
    unit = network.unit("district_a")
    with schema_context(unit.schema_name):
        section = add_section(news(), "Tin trong tỉnh", "tin-trong-tinh")
        first = add_article(section, "Tin một", "tin-mot")
        second = add_article(section, "Tin hai", "tin-hai")
        section.delete()
    assert {entry(unit, first).status, entry(unit, second).status} == {DELETED}


def test_moving_an_article_updates_its_url_and_section(network):
    unit = network.unit("district_a")
    with schema_context(unit.schema_name):
        section = add_section(news(), "Tin trong tỉnh", "tin-trong-tinh")
        article = add_article(news(), "Tin", "tin")
        article.move(section, pos="last-child")
    row = entry(unit, article)
    assert row.url == portal_url(network, "district_a", "/tin-tuc-su-kien/tin-trong-tinh/tin/")
    assert (row.section_title, row.section_id, row.version) == ("Tin trong tỉnh", section.pk, 2)


def test_moving_a_section_updates_the_rows_below_it(network):
    unit = network.unit("district_a")
    with schema_context(unit.schema_name):
        outer = add_section(news(), "Hoạt động", "hoat-dong")
        inner = add_section(news(), "Thường trực", "thuong-truc")
        article = add_article(inner, "Tin", "tin")
        inner.move(outer, pos="last-child")
    assert entry(unit, article).url == portal_url(
        network, "district_a", "/tin-tuc-su-kien/hoat-dong/thuong-truc/tin/"
    )


def test_renaming_a_section_updates_its_articles(network, django_capture_on_commit_callbacks):
    unit = network.unit("district_a")
    with schema_context(unit.schema_name):
        section = add_section(news(), "Tin trong tỉnh", "tin-trong-tinh")
        article = add_article(section, "Tin", "tin")
        section.title, section.slug = "Tin tỉnh nhà", "tin-tinh-nha"
        # Wagtail announces a slug change only once the transaction commits.
        with django_capture_on_commit_callbacks(execute=True):
            section.save_revision().publish()
    row = entry(unit, article)
    assert row.section_title == "Tin tỉnh nhà"
    assert row.url == portal_url(network, "district_a", "/tin-tuc-su-kien/tin-tinh-nha/tin/")


def test_a_draft_writes_nothing(network):
    unit = network.unit("district_a")
    with schema_context(unit.schema_name):
        article = add_article(news(), "Bản nháp", "ban-nhap", publish=False)
        article.delete()
    assert entries(unit) == []


def test_a_private_page_writes_nothing(network):
    unit = network.unit("district_a")
    with schema_context(unit.schema_name):
        section = add_section(news(), "Nội bộ", "noi-bo")
        PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
        add_article(section, "Tin nội bộ", "tin-noi-bo")
    assert entries(unit) == []


def test_restricting_a_branch_withdraws_it_and_lifting_the_restriction_restores_it(network):
    unit = network.unit("district_a")
    with schema_context(unit.schema_name):
        article = add_article(news(), "Tin", "tin")
        restriction = PageViewRestriction.objects.create(
            page=news(), restriction_type=PageViewRestriction.PASSWORD, password="bi-mat"
        )
        assert entry(unit, article).status == WITHDRAWN
        restriction.delete()
    assert (entry(unit, article).status, entry(unit, article).version) == (LIVE, 3)


def test_unregistered_page_types_write_nothing(network):
    unit = network.unit("district_a")
    with schema_context(unit.schema_name):
        page = news().add_child(instance=StandardPage(title="Trang", slug="trang", live=False))
        page.save_revision().publish()
    assert entries(unit) == []


def test_two_units_never_mix_their_entries(network):
    unit_a, unit_b = network.unit("district_a"), network.unit("district_b")
    with schema_context(unit_a.schema_name):
        article_a = add_article(news(), "Tin", "tin")
    with schema_context(unit_b.schema_name):
        article_b = add_article(news(), "Tin", "tin")
        article_b.unpublish()
    row_a, row_b = entry(unit_a, article_a), entry(unit_b, article_b)
    assert (row_a.status, row_a.version) == (LIVE, 1)
    assert row_a.url == portal_url(network, "district_a", "/tin-tuc-su-kien/tin/")
    assert (row_b.status, row_b.version) == (WITHDRAWN, 2)
    assert row_b.url == portal_url(network, "district_b", "/tin-tuc-su-kien/tin/")
