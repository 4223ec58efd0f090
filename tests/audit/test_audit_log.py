"""The audit log: network-level actions are recorded, the log is append-only and read-only."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django_tenants.utils import schema_context

from portal.accounts import roles
from portal.audit import actions, record
from portal.audit.models import AuditEntry
from portal.extensions import activation, registry
from tests.conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db

UNITS = "/admin/portal_tenancy/unit/"
LOG = "/admin/nhat-ky-quan-tri/"


def entries_after(pk: int, **filters):
    return list(AuditEntry.objects.filter(pk__gt=pk, **filters).order_by("pk"))


def last_pk() -> int:
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_console_actions_are_recorded_with_who_and_where(network):
    start = last_pk()
    admin = network.users["network_admin"]
    client = client_for(network, "province", admin)
    commune = network.unit("commune_a")
    address = {"REMOTE_ADDR": "198.51.100.7"}
    client.post(
        f"{UNITS}edit/{commune.pk}/",
        {"name": "Xã Đồng Tâm Mới", "parent": network.units["district_b"].pk},
        **address,
    )
    client.post(f"{UNITS}archive/{commune.pk}/", **address)
    client.post(f"{UNITS}restore/{commune.pk}/", **address)

    recorded = entries_after(start)
    assert [entry.action for entry in recorded] == [
        actions.UNIT_RENAMED,
        actions.UNIT_MOVED,
        actions.UNIT_ARCHIVED,
        actions.UNIT_RESTORED,
    ]
    for entry in recorded:
        assert entry.actor_id == admin.pk and entry.actor_name == admin.username
        assert entry.ip_address == "198.51.100.7"
        assert entry.unit_code == commune.code
    assert recorded[1].details["parent"] == "TN-HB"
    # Nothing was recorded against another unit.
    assert not AuditEntry.objects.filter(pk__gt=start, unit_code="TN-HB-X1").exists()


def test_a_unit_provisioned_from_the_command_line_records_the_os_user(network, capsys):
    start = last_pk()
    call_command(
        "provision_site",
        name="Xã Nhật Ký",
        code="TN-HB-X9",
        level="commune",
        parent="TN-HB",
        domain=["xa-nhatky.test.localhost"],
    )
    [entry] = entries_after(start, action=actions.UNIT_PROVISIONED)
    assert entry.unit_code == "TN-HB-X9" and entry.actor_id is None
    assert entry.actor_name.startswith("os:") and len(entry.actor_name) > 3
    assert entry.details == {
        "level": "commune",
        "domain": "xa-nhatky.test.localhost",
        "parent": "TN-HB",
    }


def test_roles_and_network_administrators_are_recorded(network):
    start = last_pk()
    person = get_user_model().objects.create_user("nguoi-moi", "moi@example.vn", PASSWORD)
    with schema_context(network.units["district_a"].schema_name):
        roles.grant(person, roles.EDITOR)
        roles.revoke(person, roles.EDITOR)
    person.is_superuser = True
    person.save()
    person.is_superuser = False
    person.save()
    person.save(update_fields=["last_login"])  # sign-ins are not network actions

    recorded = [(e.action, e.unit_code, e.target, e.details) for e in entries_after(start)]
    assert recorded == [
        (actions.ROLE_GRANTED, "TN-HA", "nguoi-moi", {"role": roles.EDITOR}),
        (actions.ROLE_REVOKED, "TN-HA", "nguoi-moi", {"role": roles.EDITOR}),
        (actions.NETWORK_ADMIN_ADDED, "", "nguoi-moi", {}),
        (actions.NETWORK_ADMIN_REMOVED, "", "nguoi-moi", {}),
    ]


def test_roles_granted_in_the_admin_name_the_site_administrator(network):
    start = last_pk()
    site_admin = network.users["district_b_admin"]
    editor = network.users["district_b_editor"]
    client = client_for(network, "district_b", site_admin)
    with schema_context(network.units["district_b"].schema_name):
        from django.contrib.auth.models import Group

        contributor = Group.objects.get(name=roles.CONTRIBUTOR).pk
        edit = client.get(f"/admin/users/edit/{editor.pk}/")
        assert edit.status_code == 200
    form = edit.context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["groups"] = [contributor]
    data.pop("password1", None), data.pop("password2", None)
    response = client.post(f"/admin/users/edit/{editor.pk}/", data, REMOTE_ADDR="192.0.2.44")
    assert response.status_code == 302, response.content.decode()[:2000]
    recorded = {(e.action, e.details["role"]) for e in entries_after(start)}
    assert recorded == {
        (actions.ROLE_GRANTED, roles.CONTRIBUTOR),
        (actions.ROLE_REVOKED, roles.EDITOR),
    }
    for entry in entries_after(start):
        assert entry.actor_name == site_admin.username and entry.ip_address == "192.0.2.44"
        assert entry.unit_code == "TN-HB" and entry.target == editor.username


def test_plugin_changes_are_recorded(network):
    start = last_pk()
    plugin = registry.get("plugin_dummy")
    unit = network.unit("commune_b")
    activation.change("enable", plugin, unit)
    activation.change("disable", plugin, unit)
    assert [(e.action, e.unit_code, e.target) for e in entries_after(start)] == [
        ("plugin.enable", unit.code, plugin.label),
        ("plugin.disable", unit.code, plugin.label),
    ]


def test_the_database_refuses_to_change_or_delete_entries(network):
    entry = record(actions.UNIT_MERGED, unit=network.unit("commune_a"), target="TN-HB-X1")
    for statement in (
        lambda: AuditEntry.objects.filter(pk=entry.pk).update(action="unit.renamed"),
        lambda: AuditEntry.objects.filter(pk=entry.pk).delete(),
        lambda: connection.cursor().execute(
            "UPDATE portal_audit_auditentry SET actor_name = 'ai-do' WHERE id = %s", [entry.pk]
        ),
        lambda: connection.cursor().execute("DELETE FROM portal_audit_auditentry"),
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            statement()
    assert AuditEntry.objects.get(pk=entry.pk).action == actions.UNIT_MERGED
    with pytest.raises(ValueError):
        entry.save()


def test_the_log_page_lists_and_filters_for_network_admins(network):
    record(actions.UNIT_ARCHIVED, unit=network.unit("commune_a"), target="TN-HA-X1")
    record(actions.UNIT_ARCHIVED, unit=network.unit("commune_b"), target="TN-HB-X1")
    client = client_for(network, "province", network.users["network_admin"])
    page = client.get(LOG)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Nhật ký quản trị" in html and "Xã Đồng Tâm" in html and "Xã Bình Minh" in html
    only_a = client.get(LOG, {"unit": "tn-ha-x1", "action": actions.UNIT_ARCHIVED}).content.decode()
    assert "Xã Đồng Tâm" in only_a and "Xã Bình Minh" not in only_a
    bad = client.get(LOG, {"since": "2026-05-02", "until": "2026-05-01"}).content.decode()
    assert "Ngày bắt đầu phải trước ngày kết thúc" in bad
    # The page shows no way to change anything.
    assert client.post(LOG, {"action": "x"}).status_code in (200, 405)
    assert AuditEntry.objects.filter(action="x").count() == 0


@pytest.mark.parametrize(
    "user_key", ["district_a_admin", "district_a_editor", "district_a_contributor"]
)
def test_the_log_is_refused_to_everyone_else(network, user_key):
    record(actions.UNIT_ARCHIVED, unit=network.unit("commune_b"), target="TN-HB-X1")
    client = client_for(network, "district_a", network.users[user_key])
    response = client.get(LOG)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert "TN-HB-X1" not in response.content.decode()
    assert "nhat-ky-quan-tri" not in client.get("/admin/").content.decode()
    anonymous = client_for(network, "district_a").get(LOG)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
