"""Slogans (khẩu hiệu tuyên truyền) show while their campaign runs, on their unit only."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from portal.theme.models import Slogan
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def test_only_todays_slogans_show(network):
    today = timezone.localdate()
    with schema_context(network.units["district_a"].schema_name):
        for text, start, end in [
            ("Mừng Đảng, mừng Xuân", today - 30 * DAY, today - DAY),
            ("Chào mừng Đại hội", today, today),
            ("Tết trồng cây", today + DAY, today + 10 * DAY),
        ]:
            Slogan.objects.create(text=text, start_date=start, end_date=end)
        Slogan.objects.create(
            text="Mừng Quốc khánh 2/9",
            start_date=today - DAY,
            end_date=today + DAY,
            link="https://nuido.test/quoc-khanh",
        )
        tomorrow = [s.text for s in Slogan.objects.active(on=today + DAY)]
        assert tomorrow == ["Mừng Quốc khánh 2/9", "Tết trồng cây"]
    page = client_for(network, "district_a").get("/").content.decode()
    assert "Chào mừng Đại hội" in page
    assert '<a href="https://nuido.test/quoc-khanh">Mừng Quốc khánh 2/9</a>' in page
    assert "Mừng Đảng, mừng Xuân" not in page  # over
    assert "Tết trồng cây" not in page  # not yet
    # Slogans belong to their unit.
    assert "Chào mừng Đại hội" not in client_for(network, "district_b").get("/").content.decode()


def test_a_slogan_cannot_end_before_it_starts(network):
    start = datetime.date(2025, 9, 2)
    with schema_context(network.units["district_a"].schema_name):
        slogan = Slogan(text="Sai ngày", start_date=start, end_date=start - DAY)
        with pytest.raises(ValidationError) as excinfo:
            slogan.full_clean()
        assert "end_date" in excinfo.value.message_dict
        # The database refuses it too, for writes that skip validation.
        with pytest.raises(IntegrityError), transaction.atomic():
            slogan.save()
        Slogan(text="Một ngày", start_date=start, end_date=start).full_clean()
