"""The network console ("Mạng lưới") in the Wagtail admin."""

import pytest
from django_tenants.utils import schema_context
from wagtail.models import Site

from portal.tenancy.models import Level, Unit, UnitStatus
from tests.conftest import client_for, client_for_host

pytestmark = pytest.mark.django_db

INDEX = "/admin/portal_tenancy/unit/"
CREATE = INDEX + "create/"


def commune_form(network, **overrides):
    data = {
        "name": "Xã Hòa Bình",
        "code": "TN-HA-X7",
        "level": "commune",
        "parent": network.units["district_a"].pk,
        "domains": "xa-hoabinh.test.localhost\nhoabinh.test.localhost",
        "admin_email": "",
    }
    data.update(overrides)
    return data


def test_network_admin_sees_the_unit_tree(network):
    client = client_for(network, "province", network.users["network_admin"])
    response = client.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    order = [
        html.index(name)
        for name in ("Tỉnh Thử Nghiệm", "Huyện Núi Đỏ", "Xã Đồng Tâm", "Huyện Sông Xanh")
    ]
    assert order == sorted(order)  # tree order: a district is followed by its communes


def test_network_admin_creates_a_live_commune(network):
    client = client_for(network, "province", network.users["network_admin"])
    response = client.post(CREATE, commune_form(network))
    assert response.status_code == 302
    unit = Unit.objects.get(code="TN-HA-X7")
    assert unit.get_parent().code == "TN-HA"
    assert sorted(unit.domains.values_list("domain", flat=True)) == [
        "hoabinh.test.localhost",
        "xa-hoabinh.test.localhost",
    ]
    with schema_context(unit.schema_name):
        assert Site.objects.get().root_page.title == "Xã Hòa Bình"
    home = client_for_host("hoabinh.test.localhost").get("/")
    assert home.status_code == 200 and "Xã Hòa Bình" in home.content.decode()


def test_bad_input_shows_vietnamese_errors_and_creates_nothing(network):
    client = client_for(network, "province", network.users["network_admin"])
    district = Level.objects.get(code="district")
    response = client.post(
        CREATE,
        commune_form(
            network,
            level=district.code,
            parent=network.units["commune_a"].pk,
            domains="huyen-b.test.localhost",
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "không thể trực thuộc" in html
    assert "đã được dùng" in html
    assert not Unit.objects.filter(code="TN-HA-X7").exists()


def test_rename_and_move(network):
    client = client_for(network, "province", network.users["network_admin"])
    commune = network.unit("commune_a")
    response = client.post(
        f"{INDEX}edit/{commune.pk}/",
        {"name": "Xã Đồng Tâm Mới", "parent": network.units["district_b"].pk},
    )
    assert response.status_code == 302
    commune.refresh_from_db()
    assert commune.name == "Xã Đồng Tâm Mới"
    assert commune.get_parent().code == "TN-HB"


def test_move_that_breaks_the_hierarchy_is_refused(network):
    client = client_for(network, "province", network.users["network_admin"])
    district = network.unit("district_a")
    response = client.post(
        f"{INDEX}edit/{district.pk}/",
        {"name": district.name, "parent": network.units["district_b"].pk},
    )
    assert response.status_code == 200
    assert "không thể trực thuộc" in response.content.decode()
    assert network.unit("district_a").get_parent().code == "TN"


def test_archive_takes_portal_offline_and_restore_brings_it_back(network):
    client = client_for(network, "province", network.users["network_admin"])
    commune = network.unit("commune_b")
    assert client.get(f"{INDEX}archive/{commune.pk}/").status_code == 200  # confirmation page
    assert network.unit("commune_b").status == UnitStatus.ACTIVE
    client.post(f"{INDEX}archive/{commune.pk}/")
    assert network.unit("commune_b").status == UnitStatus.ARCHIVED
    offline = client_for(network, "commune_b").get("/")
    assert offline.status_code == 410
    assert "ngừng hoạt động" in offline.content.decode()
    client.post(f"{INDEX}restore/{commune.pk}/")
    back = client_for(network, "commune_b").get("/")
    assert back.status_code == 200 and "Xã Bình Minh" in back.content.decode()


@pytest.mark.parametrize(
    "user_key", ["district_a_admin", "district_a_editor", "staff_without_role"]
)
def test_console_is_for_network_admins_only(network, user_key):
    client = client_for(network, "district_a", network.users[user_key])
    commune = network.unit("commune_a")
    for method, url in [
        ("get", INDEX),
        ("get", CREATE),
        ("post", CREATE),
        ("post", f"{INDEX}archive/{commune.pk}/"),
        ("post", f"{INDEX}edit/{commune.pk}/"),
    ]:
        response = getattr(client, method)(url, commune_form(network) if method == "post" else None)
        if user_key == "staff_without_role":  # no role here: the portal's 403
            assert response.status_code == 403, url
        else:  # a role without the right: Wagtail's refusal, back to the dashboard
            assert (response.status_code, response.get("Location")) == (302, "/admin/"), url
    assert not Unit.objects.filter(code="TN-HA-X7").exists()
    assert network.unit("commune_a").status == UnitStatus.ACTIVE
