"""The ledger carries what the reports need: contributor, author, photos, videos, approval times."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tenants.utils import schema_context
from wagtail.models import WorkflowState

from portal.publications.models import Publication
from portal.reports import figures
from portal.reports.periods import Period
from sites.models import ArticlePage
from tests.conftest import client_for
from tests.sites.factories import news_section, publish_article

pytestmark = pytest.mark.django_db


def test_moderated_article_records_submission_and_approval(network):
    unit = network.unit("district_a")
    contributor = network.users["district_a_contributor"]
    with schema_context(unit.schema_name):
        article = news_section().add_child(
            instance=ArticlePage(
                title="Tin chờ duyệt", live=False, owner=contributor, author="Phóng viên A"
            )
        )
        revision = article.save_revision(user=contributor)
        workflow = article.get_workflow()
        workflow.start(article, contributor)
        task_state = WorkflowState.objects.get(object_id=str(article.pk)).current_task_state
    editor = client_for(network, "district_a", network.users["district_a_editor"])
    response = editor.post(
        reverse("wagtailadmin_pages:workflow_action", args=(article.pk, "approve", task_state.pk)),
        {"comment": ""},
    )
    assert response.status_code == 302
    row = Publication.objects.get(unit=unit, kind="article", object_id=article.pk)
    assert row.contributor == "district_a-contributor" and row.author == "Phóng viên A"
    assert row.submitted_at is not None and row.approved_at >= row.submitted_at
    assert revision.pk
    assert not Publication.objects.filter(
        unit=network.unit("district_b"), object_id=article.pk
    ).exists()


def test_current_month_report_matches_the_pages(network):
    period = Period.current_month()
    for key, titles in (("district_a", ["Một", "Hai", "Ba"]), ("district_b", ["Bốn"])):
        with schema_context(network.units[key].schema_name):
            for title in titles:
                publish_article(f"Tin {title}", author=f"Tác giả {key}")
    with schema_context(network.units["district_a"].schema_name):
        live = ArticlePage.objects.live().filter(first_published_at__gte=period.bounds()[0]).count()
    report = figures.unit_report(network.unit("district_a"), period)
    assert report.metrics["article"] == live == 3
    assert report.by_author == [("Tác giả district_a", 3)]
    assert report.by_section == [("Tin tức - Sự kiện", 3)]
    assert figures.unit_report(network.unit("district_b"), period).metrics["article"] == 1
    assert timezone.localdate() >= period.first
