"""`search_status` exits non-zero while work has waited in the outbox too long."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from portal.publications.models import Publication

from ..corpus import publish

pytestmark = pytest.mark.django_db


def exit_code(capsys) -> tuple[int, str]:
    """`manage.py search_status`: the exit status the shell gets (a CommandError's returncode,
    as `run_from_argv` exits with it) and what it printed."""
    try:
        call_command("search_status")
        code = 0
    except CommandError as error:
        code = error.returncode
        print(error)
    output = capsys.readouterr()
    return code, output.out + output.err


def test_a_row_waiting_longer_than_the_threshold_fails(es_index, units, settings, capsys):
    settings.PORTAL_SEARCH_OUTBOX_MAX_WAIT = 300
    row = publish(units["district_b"], "Thông báo kết luận hội nghị")
    code, output = exit_code(capsys)
    assert code == 1 and "has waited" not in output  # just published: drift, not a stall

    Publication.objects.filter(pk=row.pk).update(
        changed_at=timezone.now() - datetime.timedelta(seconds=301)
    )
    code, output = exit_code(capsys)
    assert code == 1
    assert re.search(r"has waited 30\d s in the outbox \(more than 300 s\)", output)

    call_command("search_index", "--once")
    code, output = exit_code(capsys)
    assert code == 0, output
    assert "Longest wait:        0 s" in output
