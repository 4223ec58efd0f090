"""The worker's periodic commands: scheduled pages go live in every unit;
one failing command stops nothing."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tenants.utils import schema_context

from sites.models import ArticlePage
from tests.sites.factories import news_section

pytestmark = pytest.mark.django_db


def schedule_article(network, unit_key, title) -> int:
    with schema_context(network.units[unit_key].schema_name):
        article = news_section().add_child(
            instance=ArticlePage(title=title, lead="Sapo", live=False)
        )
        revision = article.save_revision()
        revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
        revision.save()
        return article.pk


def is_live(network, unit_key, pk) -> bool:
    with schema_context(network.units[unit_key].schema_name):
        return ArticlePage.objects.get(pk=pk).live


def test_scheduled_pages_go_live_in_every_unit(network):
    first = schedule_article(network, "district_a", "Lịch tiếp dân tháng 12")
    second = schedule_article(network, "commune_b", "Thông báo lịch cắt điện")
    call_command("run_periodic", "--once")
    assert is_live(network, "district_a", first)
    assert is_live(network, "commune_b", second)


def test_a_failing_command_does_not_stop_the_others(network, settings, capsys):
    settings.PORTAL_PERIODIC_COMMANDS = [
        {"command": ["lenh_khong_ton_tai"], "every": 60},
        {"command": ["publish_scheduled_units"], "every": 60},
    ]
    pk = schedule_article(network, "district_b", "Kế hoạch tuyên truyền")
    with pytest.raises(SystemExit):
        call_command("run_periodic", "--once")
    assert "1 of 2 periodic command(s) failed." in capsys.readouterr().err
    assert is_live(network, "district_b", pk)
