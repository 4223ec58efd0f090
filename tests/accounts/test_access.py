"""The one access module: network administrators, roles per unit, read and write rights."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from portal.accounts import access, roles
from portal.reports.models import EditorialTarget
from portal.tenancy.models import Unit
from tests.conftest import _make_user, client_for

pytestmark = pytest.mark.django_db

AJAX = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}  # Wagtail answers 403 instead of redirecting


def _request(network, unit_key, user, method="get"):
    request = getattr(RequestFactory(), method)("/")
    request.user, request.tenant = user, network.unit(unit_key)
    return request


def test_an_inactive_superuser_is_no_network_administrator(network):
    retired = _make_user("retired-admin", is_superuser=True, is_active=False)
    assert access.is_network_admin(network.users["network_admin"])
    assert not access.is_network_admin(retired)
    assert not retired.is_network_admin
    assert not access.ADMINISTER_NETWORK.held_by(retired)


def test_a_role_counts_only_in_its_own_unit_whatever_the_schema(network):
    editor = network.users["district_a_editor"]
    assert access.roles_in(editor, network.unit("district_a")) == {roles.EDITOR}
    assert access.roles_in(editor, network.unit("district_b")) == frozenset()
    assert access.SYNDICATE.held_by(editor, network.unit("district_a"))
    assert not access.SYNDICATE.held_by(editor, network.unit("district_b"))
    retired = type(editor).objects.get(pk=editor.pk)  # the session's object stays as it is
    retired.is_active = False
    assert not access.SYNDICATE.held_by(retired, network.unit("district_a"))


def test_network_administrators_never_see_feedback_senders(network):
    unit = network.unit("district_a")
    assert access.MODERATE_FEEDBACK.held_by(network.users["network_admin"], unit)
    assert not access.SEE_FEEDBACK_SENDER.held_by(network.users["network_admin"], unit)
    assert access.SEE_FEEDBACK_SENDER.held_by(network.users["district_a_admin"], unit)


def test_access_object_checks_read_for_reads_and_write_for_writes(network):
    read = access.Right((roles.SITE_ADMIN, roles.EDITOR), network_admins=False)
    write = access.Right((roles.SITE_ADMIN,), network_admins=False)
    code = network.unit("district_a").code
    editor = network.users["district_a_editor"]

    def fetch(user, method, **lookup):
        request = _request(network, "district_a", user, method)
        return access.access_object(request, Unit.objects, read=read, write=write, **lookup)

    assert fetch(editor, "get", code=code).code == code
    with pytest.raises(PermissionDenied):
        fetch(editor, "post", code=code)
    assert fetch(network.users["district_a_admin"], "post", code=code).code == code
    # Refused before the lookup: a stranger learns nothing of what exists.
    with pytest.raises(PermissionDenied):
        fetch(network.users["district_b_editor"], "get", code="NO-SUCH-UNIT")
    with pytest.raises(Http404):
        fetch(editor, "get", code="NO-SUCH-UNIT")
    with pytest.raises(Http404):
        fetch(editor, "get", pk="not-a-number")


@pytest.mark.parametrize("user_key", ["district_a_editor", "district_a_admin"])
def test_report_readers_cannot_set_targets(network, user_key):
    """Editors and site administrators read their unit's report; targets are the network's."""
    client = client_for(network, "district_a", network.users[user_key])
    assert client.get("/admin/bao-cao/").status_code == 200
    url = "/admin/bao-cao/chi-tieu/TN-HA/"
    refused = client.post(url, {"article": "9"})
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert client.post(url, {"article": "9"}, **AJAX).status_code == 403
    assert not EditorialTarget.objects.exists()


def test_targets_form_refuses_bad_figures_and_keeps_the_old_ones(network):
    unit = network.unit("district_b")
    EditorialTarget.objects.create(unit=unit, kind="article", per_week=2)
    admin = client_for(network, "province", network.users["network_admin"])
    response = admin.post("/admin/bao-cao/chi-tieu/TN-HB/", {"article": "-5"})
    assert response.status_code == 200
    assert list(EditorialTarget.objects.values_list("kind", "per_week")) == [("article", 2)]
    assert admin.post("/admin/bao-cao/chi-tieu/NO-SUCH/", {"article": "1"}).status_code == 404


def test_the_network_console_refuses_unit_administrators(network):
    unit = network.unit("district_a")
    site_admin = client_for(network, "district_a", network.users["district_a_admin"])
    url = f"/admin/portal_tenancy/unit/edit/{unit.pk}/"
    assert site_admin.post(url, {"name": "Đổi tên"}, **AJAX).status_code == 403
    assert Unit.objects.get(pk=unit.pk).name == unit.name
    admin = client_for(network, "district_a", network.users["network_admin"])
    assert admin.get("/admin/portal_tenancy/unit/edit/999999/").status_code == 404
