"""The legal checklist per unit (present / missing / stale, with links) and the network view."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context
from wagtail.models import Page, Site

from portal.compliance.checks import MISSING, PRESENT, STALE, checklist
from portal.feedback.models import Feedback
from sites.models import ContactPage, EnglishIntroductionPage, IntroductionPage, Leader
from tests.conftest import client_for
from tests.sites.factories import document, home, publish_article

pytestmark = pytest.mark.django_db


def states(network, key):
    with schema_context(network.units[key].schema_name):
        return {item.key: item for item in checklist()}


def complete_portal(network, key):
    """Fill in everything the rules ask, in one unit."""
    with schema_context(network.units[key].schema_name):
        intro = IntroductionPage.objects.get()
        intro.functions = "<p>Tham mưu, giúp việc</p>"
        intro.organisation_text = "<p>Ban Thường vụ, các ban</p>"
        intro.leaders.add(Leader(name="Nguyễn Văn A", position="Bí thư"))
        intro.save_revision().publish()
        contact = ContactPage.objects.get()
        contact.address, contact.phone = "Số 1 đường Trung tâm", "0200 3800 000"
        contact.save_revision().publish()
        home().add_child(
            instance=EnglishIntroductionPage(title="Introduction", body="<p>About us</p>")
        )
        publish_article("Tin mới")
        from django.core.files.base import ContentFile
        from wagtail.documents.models import Document

        from sites.models import DocumentAttachment

        doc = document("12-BC/HU", publish=False)
        pdf = Document.objects.create(
            title="Toàn văn", file=ContentFile(b"%PDF-1.4", name="12.pdf")
        )
        doc.attachments.add(DocumentAttachment(document=pdf))
        doc.save_revision().publish()
        theme_model = __import__("portal.theme.models", fromlist=["ThemeSettings"]).ThemeSettings
        theme = theme_model.for_site(Site.objects.get(is_default_site=True))
        theme.public_service_links = [
            ("link", {"title": "Dịch vụ công quốc gia", "url": "https://dichvucong.gov.vn/"})
        ]
        theme.save()


def test_a_new_portal_lacks_what_it_has_not_filled_in(network):
    items = states(network, "district_b")
    for key in ("introduction", "contacts", "documents", "english", "news", "public_services"):
        assert items[key].status == MISSING, key
        assert items[key].problems
    assert items["feedback"].status == PRESENT
    assert items["english"].fix_url.startswith(
        "/admin/pages/add/portal_sites/englishintroductionpage/"
    )
    assert "chức năng, nhiệm vụ" in items["introduction"].problems[0]


def test_completing_one_portal_changes_only_its_checklist(network, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    complete_portal(network, "district_a")
    items = states(network, "district_a")
    for key in (
        "introduction",
        "contacts",
        "documents",
        "english",
        "news",
        "feedback",
        "public_services",
    ):
        assert items[key].status == PRESENT, (key, items[key].problems)
    assert states(network, "district_b")["introduction"].status == MISSING


def test_old_news_and_waiting_feedback_are_stale(network):
    with schema_context(network.units["district_a"].schema_name):
        article = publish_article("Tin cũ")
        old = timezone.now() - datetime.timedelta(days=40)
        Page.objects.filter(pk=article.pk).update(first_published_at=old, last_published_at=old)
        feedback = Feedback.objects.create(
            sender_name="A", sender_email="a@example.vn", subject="Chờ", message="..."
        )
        Feedback.objects.filter(pk=feedback.pk).update(
            submitted_at=timezone.now() - datetime.timedelta(days=20)
        )
    items = states(network, "district_a")
    assert items["news"].status == STALE and items["feedback"].status == STALE
    assert "1 góp ý" in items["feedback"].problems[0]
    assert states(network, "district_b")["feedback"].status == PRESENT


def test_dashboards_for_the_unit_and_the_network(network):
    editor = client_for(network, "district_a", network.users["district_a_editor"])
    page = editor.get("/admin/tuan-thu/")
    assert page.status_code == 200 and 'data-item="english"' in page.content.decode()
    assert editor.get("/admin/tuan-thu/mang-luoi/").status_code == 302
    admin = client_for(network, "province", network.users["network_admin"])
    overview = admin.get("/admin/tuan-thu/mang-luoi/").content.decode()
    for code in ("TN", "TN-HA", "TN-HB", "TN-HA-X1", "TN-HB-X1"):
        assert f'data-unit="{code}"' in overview
    assert 'data-status="missing"' in overview
