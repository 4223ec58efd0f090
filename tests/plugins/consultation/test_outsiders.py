"""An outsider against the consultations over HTTP: a unit the consultation was not sent to,
another unit's host, a draft or closed consultation, an original gone private, hostile
input through a pushed-down copy. Each refusal: the exact status, and nothing stored."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context
from wagtail.models import PageViewRestriction

from plugins.consultation.models import Comment, ConsultationPage
from portal.publications.models import Publication
from portal.syndication import flows
from tests.conftest import client_for

from .helpers import add_consultation, comment_data, sections_of

pytestmark = pytest.mark.django_db
PAGE = "/gop-y-du-thao/du-thao-quy-che/"


@pytest.fixture
def consulting(network, settings, tmp_path):
    """The module on in district A, both communes and district B."""
    from tests.extensions.helpers import enable

    settings.MEDIA_ROOT = tmp_path
    for key in ("district_a", "district_b", "commune_a", "commune_b"):
        enable(network, key, "plugin_consultation")
    return network


def comment_count(network) -> dict[str, int]:
    counts = {}
    for key in ("district_a", "district_b", "commune_a", "commune_b"):
        with schema_context(network.units[key].schema_name):
            counts[key] = Comment.objects.count()
    return counts


NONE = {"district_a": 0, "district_b": 0, "commune_a": 0, "commune_b": 0}


def send_down(network, page, *targets):
    district = network.unit("district_a")
    row = Publication.objects.get(unit=district, kind="consultation", object_id=page.pk)
    with schema_context(district.schema_name):
        directive = flows.send_directive(
            district,
            network.users["district_a_editor"],
            row,
            "tin-tuc",
            targets=[network.unit(key) for key in targets],
        )
    return f"/gop-y-du-thao/cap-tren/{directive.appearances.get().pk}/"


def test_a_unit_not_sent_the_consultation_can_neither_read_nor_comment(consulting):
    page = add_consultation(consulting, "district_a")
    copy = send_down(consulting, page, "commune_a")
    # Commune B (and district B) name commune A's appearance: it is not theirs.
    for key in ("commune_b", "district_b"):
        client = client_for(consulting, key)
        assert client.get(copy).status_code == 404
        assert client.post(copy, comment_data(text="Ý kiến lạc chỗ")).status_code == 404
        assert client.get(f"{copy}tra-cuu/YK-AAAAA-AAAAA/").status_code == 404
    assert comment_count(consulting) == NONE


def test_another_units_host_does_not_reach_the_consultation(consulting):
    add_consultation(consulting, "district_a")
    for key in ("district_b", "commune_a"):  # the same address on other portals
        response = client_for(consulting, key).post(PAGE, comment_data())
        assert response.status_code == 404
    assert comment_count(consulting) == NONE


def test_a_draft_consultation_takes_no_comment_here_or_through_a_copy(consulting):
    page = add_consultation(consulting, "district_a")
    copy = send_down(consulting, page, "commune_a")
    with schema_context(consulting.units["district_a"].schema_name):
        ConsultationPage.objects.get(pk=page.pk).unpublish()
    assert client_for(consulting, "district_a").post(PAGE, comment_data()).status_code == 404
    commune = client_for(consulting, "commune_a")
    assert commune.get(copy).status_code == 404
    assert commune.post(copy, comment_data()).status_code == 404
    assert comment_count(consulting) == NONE


def test_an_original_made_private_is_not_served_through_its_copy(consulting):
    page = add_consultation(consulting, "district_a")
    copy = send_down(consulting, page, "commune_a")
    with schema_context(consulting.units["district_a"].schema_name):
        PageViewRestriction.objects.create(
            page=ConsultationPage.objects.get(pk=page.pk),
            restriction_type=PageViewRestriction.PASSWORD,
            password="mat-khau",
        )
    commune = client_for(consulting, "commune_a")
    assert commune.get(copy).status_code == 404
    assert commune.post(copy, comment_data()).status_code == 404
    assert comment_count(consulting) == NONE


def test_a_copy_refuses_comments_before_the_consultation_opens(consulting):
    now = timezone.now()
    page = add_consultation(
        consulting,
        "district_a",
        opens_at=now + datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=8),
    )
    copy = send_down(consulting, page, "commune_a")
    response = client_for(consulting, "commune_a").post(copy, comment_data())
    assert response.status_code == 403
    assert comment_count(consulting) == NONE


@pytest.mark.parametrize(
    "fields",
    [
        {"text": "x" * 5001},
        {"name": "N" * 121},
        {"organisation": "O" * 201},
        {"phone": "0" * 21},
        {"text": "Ý kiến\x00"},
        {"section": "1; DROP TABLE plugin_consultation_comment"},
        {"website": "http://spam.example"},  # the honeypot
    ],
)
def test_hostile_comments_through_a_copy_are_refused_and_nothing_stored(consulting, fields):
    page = add_consultation(consulting, "district_a")
    copy = send_down(consulting, page, "commune_a")
    response = client_for(consulting, "commune_a").post(copy, comment_data(**fields))
    assert response.status_code == 400
    assert comment_count(consulting) == NONE


def test_a_copy_does_not_take_a_section_of_the_communes_own_consultation(consulting):
    page = add_consultation(consulting, "district_a")
    add_consultation(consulting, "commune_a", slug="du-thao-cua-xa")
    own = add_consultation(consulting, "commune_a", slug="du-thao-thu-hai")
    copy = send_down(consulting, page, "commune_a")
    owners = {section.pk for section in sections_of(consulting, "district_a", page)}
    foreign = sections_of(consulting, "commune_a", own)
    assert foreign and not owners & {section.pk for section in foreign}
    for section in foreign:
        response = client_for(consulting, "commune_a").post(
            copy, comment_data(section=str(section.pk))
        )
        assert response.status_code == 400
    assert comment_count(consulting) == NONE
