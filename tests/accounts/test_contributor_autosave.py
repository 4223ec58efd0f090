"""Creating a page while its first autosave is still saving it: a form error, never a 500.

Wagtail 8's first autosave of the add form creates the page; an author who
submits before that answer comes back posts the same form to the add URL
again. The two requests run at once here, on a committed unit (each thread has
its own database connection); the autosave is held inside its save for a
moment so that the submit arrives while it is unfinished.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models.signals import pre_save
from django.test import Client
from django.urls import reverse
from django_tenants.utils import schema_context

from portal.accounts import sessions
from sites.models import ArticlePage, SectionPage
from tests.browser.units import provision_fresh_unit, remove_committed_units
from tests.sites.test_workflow import article_form

pytestmark = pytest.mark.django_db

TITLE = "Bài viết được tự lưu giữa chừng"
HOLD_SECONDS = 1.5


@pytest.fixture(scope="module")
def newsroom(network, django_db_blocker):
    with django_db_blocker.unblock():
        fresh = provision_fresh_unit(network.unit("district_b"), "tuluu", ("contributor",))
        with schema_context(fresh.unit.schema_name):
            section_id = SectionPage.objects.get(slug="tin-tuc-su-kien").pk
    yield fresh, section_id
    with django_db_blocker.unblock():
        remove_committed_units(fresh.unit)


def _contributor_client(fresh) -> Client:
    client = Client(HTTP_HOST=fresh.domain)
    client.force_login(get_user_model().objects.get(username=fresh.users["contributor"]))
    session = client.session
    sessions.bind(session, fresh.unit)
    session.save()
    return client


def _hold_the_first_save(sender, instance, **kwargs):
    if instance.title == TITLE and instance.pk is None and not _held.is_set():
        _held.set()
        time.sleep(HOLD_SECONDS)


_held = threading.Event()


def test_submit_during_the_creating_autosave_is_a_form_error(newsroom, django_db_blocker):
    fresh, section_id = newsroom
    add_url = reverse("wagtailadmin_pages:add", args=["portal_sites", "articlepage", section_id])
    autosave_form = article_form(TITLE, "action-save")
    submit_form = {k: v for k, v in autosave_form.items() if k != "action-save"}
    submit_form["action-submit"] = "action-submit"
    answers = {}

    def post(name, form, **headers):
        try:
            answers[name] = _contributor_client(fresh).post(add_url, form, **headers)
        except Exception as error:  # a 500: the test client re-raises the view's exception
            answers[name] = error
        finally:
            connection.close()

    pre_save.connect(_hold_the_first_save, sender=ArticlePage)
    try:
        with django_db_blocker.unblock():
            autosave = threading.Thread(
                target=post,
                args=("autosave", autosave_form),
                kwargs={"HTTP_ACCEPT": "application/json"},
            )
            submit = threading.Thread(target=post, args=("submit", submit_form))
            autosave.start()
            assert _held.wait(timeout=30), "the autosave never reached its save"
            submit.start()
            autosave.join(timeout=60)
            submit.join(timeout=60)
            with schema_context(fresh.unit.schema_name):
                created = list(ArticlePage.objects.filter(title=TITLE).values_list("pk", flat=True))
    finally:
        pre_save.disconnect(_hold_the_first_save, sender=ArticlePage)
        _held.clear()

    assert answers["autosave"].status_code == 200, answers["autosave"]
    assert answers["autosave"].json()["pk"] == created[0]
    refused = answers["submit"]
    assert not isinstance(refused, Exception), f"the submit raised {refused!r}"
    assert refused.status_code == 200
    assert "slug" in refused.context["form"].errors
    assert len(created) == 1  # the autosaved draft only
