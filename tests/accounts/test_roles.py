"""One account per person, roles per unit: every role against its own and a foreign unit."""

import pytest
from django.contrib.auth import get_user_model
from django_tenants.utils import schema_context

from portal.accounts import roles
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

ADMIN_ENTRY_POINTS = ["/admin/", "/admin/pages/", "/admin/images/", "/admin/documents/"]
ROLES = ["admin", "editor", "contributor"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", ADMIN_ENTRY_POINTS)
def test_role_opens_own_units_admin(network, role, path):
    response = client_for(network, "district_a", network.users[f"district_a_{role}"]).get(path)
    assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "path", ADMIN_ENTRY_POINTS + ["/admin/users/", "/admin/portal_tenancy/unit/"]
)
def test_role_is_refused_in_a_foreign_units_admin(network, role, path):
    response = client_for(network, "district_b", network.users[f"district_a_{role}"]).get(path)
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()


def test_is_staff_gives_no_bypass(network):
    response = client_for(network, "district_a", network.users["staff_without_role"]).get("/admin/")
    assert response.status_code == 403


@pytest.mark.parametrize("unit_key", ["province", "district_a", "district_b", "commune_b"])
def test_network_admin_acts_in_every_unit(network, unit_key):
    client = client_for(network, unit_key, network.users["network_admin"])
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/users/").status_code == 200


def test_sign_in_works_on_every_portal_but_admin_only_where_a_role_is_held(network):
    user = network.users["district_a_editor"]
    for unit_key, expected in (("district_a", 200), ("district_b", 403)):
        client = client_for(network, unit_key)
        response = client.post(
            "/admin/login/", {"username": user.username, "password": "mat-khau-thu-nghiem-2025"}
        )
        assert response.status_code == 302, unit_key
        assert client.get("/admin/").status_code == expected, unit_key


def test_permissions_are_not_cached_across_units(network):
    editor = get_user_model().objects.get(pk=network.users["district_a_editor"].pk)
    with schema_context(network.units["district_a"].schema_name):
        assert editor.has_perm("wagtailadmin.access_admin")
    with schema_context(network.units["district_b"].schema_name):
        assert not editor.has_perm("wagtailadmin.access_admin")
        assert roles.roles_of(editor) == []


def test_contributor_neither_publishes_nor_edits_others_pages(network):
    """The whole table, over HTTP, is tests/security/test_roles_table.py."""
    from wagtail.models import Page

    contributor = network.users["district_a_contributor"]
    editor = network.users["district_a_editor"]
    with schema_context(network.units["district_a"].schema_name):
        home = Page.objects.get(depth=2)
        assert not home.permissions_for_user(contributor).can_publish()
        assert not home.permissions_for_user(contributor).can_edit()
        assert home.permissions_for_user(editor).can_publish()
        assert home.permissions_for_user(editor).can_edit()


def test_site_admin_sees_only_own_units_people(network):
    client = client_for(network, "district_a", network.users["district_a_admin"])
    html = client.get("/admin/users/").content.decode()
    assert "district_a-editor" in html
    assert "district_b-editor" not in html
    assert "network-admin" not in html
    foreign = network.users["district_b_editor"]
    assert client.get(f"/admin/users/edit/{foreign.pk}/").status_code == 404
    own = network.users["district_a_editor"]
    assert client.get(f"/admin/users/edit/{own.pk}/").status_code == 200
    assert client.get(f"/admin/users/delete/{own.pk}/").status_code == 404


def test_editor_cannot_manage_users(network):
    client = client_for(network, "district_a", network.users["district_a_editor"])
    response = client.get("/admin/users/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_site_admin_changes_roles_but_not_account_wide_fields(network):
    from django.contrib.auth.models import Group

    person = network.users["district_a_contributor"]
    client = client_for(network, "district_a", network.users["district_a_admin"])
    with schema_context(network.units["district_a"].schema_name):
        editor_group = Group.objects.get(name=roles.EDITOR)
    response = client.post(
        f"/admin/users/edit/{person.pk}/",
        {
            "username": "hijacked",
            "email": "hijacked@example.vn",
            "first_name": "X",
            "last_name": "Y",
            "is_active": "",
            "groups": [editor_group.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert (person.username, person.email, person.is_active) == (
        "district_a-contributor",
        "district_a-contributor@example.vn",
        True,
    )
    with schema_context(network.units["district_a"].schema_name):
        assert roles.roles_of(person) == [roles.EDITOR]
    with schema_context(network.units["district_b"].schema_name):
        assert roles.roles_of(person) == []


def test_saving_public_models_logs_no_reference_index_errors(network, caplog):
    from portal.tenancy import provisioning

    provisioning.rename(network.unit("commune_a"), "Xã Đồng Tâm")
    get_user_model().objects.create_user("new-person", "new@example.vn", "x")
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]


def test_every_page_type_carries_the_role_rules():
    """A page type without RolePagePermissions would let contributors delete their drafts."""
    from wagtail.models import get_page_models

    from portal.accounts.page_rights import every_page_model_keeps_the_role_rules

    assert len(get_page_models()) > 10
    assert every_page_model_keeps_the_role_rules(None) == []
