"""The plugin screens: unit administrators turn on what the network allows; the network
turns plugins on for many units at once."""

from __future__ import annotations

import pytest

from portal.extensions import activation, registry
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def toggle(client, action, plugin="plugin_dummy"):
    return client.post("/admin/plugins/toggle/", {"plugin": plugin, "action": action})


def refused(response) -> bool:
    """Wagtail's admin turns PermissionDenied into a redirect to the dashboard."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_unit_admin_cannot_enable_what_the_network_did_not_allow(network):
    client = client_for(network, "district_a", network.users["district_a_admin"])
    page = client.get("/admin/plugins/")
    assert page.status_code == 200 and "Chưa được phép" in page.content.decode()
    assert refused(toggle(client, "enable"))
    assert not activation.is_active("plugin_dummy", network.unit("district_a"))


def test_unit_admin_enables_and_disables_an_allowed_plugin(network):
    activation.change("allow", registry.get("plugin_dummy"), network.unit("district_a"))
    client = client_for(network, "district_a", network.users["district_a_admin"])
    assert 'value="enable"' in client.get("/admin/plugins/").content.decode()
    assert toggle(client, "enable").status_code == 302
    assert activation.is_active("plugin_dummy", network.unit("district_a"))
    assert not activation.is_active("plugin_dummy", network.unit("district_b"))
    assert toggle(client, "disable").status_code == 302
    assert not activation.is_active("plugin_dummy", network.unit("district_a"))


def test_allowance_is_per_unit(network):
    activation.change("allow", registry.get("plugin_dummy"), network.unit("district_a"))
    client = client_for(network, "district_b", network.users["district_b_admin"])
    assert refused(toggle(client, "enable"))
    assert not activation.is_active("plugin_dummy", network.unit("district_b"))


@pytest.mark.parametrize("role", ["editor", "contributor"])
def test_editors_cannot_change_plugins(network, role):
    activation.change("allow", registry.get("plugin_dummy"), network.unit("district_a"))
    client = client_for(network, "district_a", network.users[f"district_a_{role}"])
    assert refused(client.get("/admin/plugins/"))
    assert refused(toggle(client, "enable"))
    assert not activation.is_active("plugin_dummy", network.unit("district_a"))


def test_unknown_plugin_is_a_clear_error(network):
    client = client_for(network, "district_a", network.users["network_admin"])
    response = toggle(client, "enable", plugin="plugin_khong_co")
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert "Không có mô-đun plugin_khong_co" in follow.content.decode()


def test_network_admin_enables_for_all_communes_of_a_district(network):
    client = client_for(network, "province", network.users["network_admin"])
    assert client.get("/admin/plugins/network/").status_code == 200
    response = client.post(
        "/admin/plugins/network/",
        {
            "plugin": "plugin_dummy",
            "action": "enable",
            "root": network.units["district_a"].pk,
            "descendants": "on",
            "level": "commune",
        },
    )
    assert response.status_code == 200
    assert "đã thay đổi 1 đơn vị" in response.content.decode()
    assert activation.is_active("plugin_dummy", network.unit("commune_a"))
    for key in ("district_a", "commune_b", "province"):
        assert not activation.is_active("plugin_dummy", network.unit(key)), key


def test_network_screen_refuses_unit_admins(network):
    client = client_for(network, "district_a", network.users["district_a_admin"])
    assert refused(client.get("/admin/plugins/network/"))
    response = client.post(
        "/admin/plugins/network/",
        {
            "plugin": "plugin_dummy",
            "action": "enable",
            "root": network.units["district_a"].pk,
        },
    )
    assert refused(response)
    assert not activation.is_active("plugin_dummy", network.unit("district_a"))


def test_network_screen_reports_refusals(network):
    client = client_for(network, "province", network.users["network_admin"])
    response = client.post(
        "/admin/plugins/network/",
        {
            "plugin": "plugin_video_briefs",
            "action": "enable",
            "root": network.units["commune_a"].pk,
        },
    )
    body = response.content.decode()
    assert "1 bị từ chối" in body and network.units["commune_a"].name in body
    assert not activation.is_active("plugin_video_briefs", network.unit("commune_a"))
