"""The console's "Sáp nhập đơn vị": network administrators only, a confirmation, then the merge."""

from __future__ import annotations

from django_tenants.utils import schema_context
from wagtail.models import Page

from portal.merges.models import MergedUnit
from portal.tenancy.models import UnitStatus
from tests.conftest import client_for


def assert_refused(response, user_key):
    """No role in the unit: the portal's 403; a role without the right: Wagtail's dashboard."""
    if user_key == "staff_without_role":
        assert response.status_code == 403
    else:
        assert response.status_code == 302 and response["Location"] == "/admin/"


def test_the_merge_form_refuses_everyone_but_network_administrators(merging, network):
    for key in ("district_a_admin", "district_a_editor", "staff_without_role"):
        client = client_for(network, "district_a", network.users[key])
        assert_refused(client.get("/admin/sap-nhap/"), key)
        response = client.post(
            "/admin/sap-nhap/",
            {
                "survivor": merging.survivor.code,
                "merged": [u.code for u in merging.merged],
                "confirm": "1",
            },
        )
        assert_refused(response, key)
    assert not MergedUnit.objects.exists()
    admin = client_for(network, "province", network.users["network_admin"])
    assert (
        "/admin/sap-nhap/"
        not in client_for(network, "district_a", network.users["district_a_admin"])
        .get("/admin/")
        .content.decode()
    )
    assert "/admin/sap-nhap/" in admin.get("/admin/").content.decode()


def test_network_admin_confirms_what_moves_then_merges(merging, network):
    client = client_for(network, "province", network.users["network_admin"])
    data = {"survivor": merging.survivor.code, "merged": [u.code for u in merging.merged]}
    confirm = client.post("/admin/sap-nhap/", data)
    page = confirm.content.decode()
    assert confirm.status_code == 200 and "Xác nhận sáp nhập" in page
    a = merging.merged[0]
    with schema_context(a.schema_name):
        pages = Page.objects.filter(depth__gt=2).count()  # below its home page
    assert (
        f"{pages} trang, 1 tài liệu, 1 ảnh, 1 tệp âm thanh, video, 2 biên tập viên, 1 tên miền"
        in page
    )
    assert a.name in page
    assert not MergedUnit.objects.exists()  # nothing happens before the confirmation

    done = client.post("/admin/sap-nhap/", {**data, "confirm": "1"})
    assert done.status_code == 302
    for unit in merging.merged:
        assert merging.unit(unit).status == UnitStatus.ARCHIVED
    listing = client.get("/admin/portal_tenancy/unit/?status=archived").content.decode()
    assert "Đã sáp nhập vào" in listing and merging.survivor.name in listing


def test_the_form_explains_refusals_in_vietnamese(merging, network):
    client = client_for(network, "province", network.users["network_admin"])
    response = client.post(
        "/admin/sap-nhap/", {"survivor": merging.survivor.code, "merged": [merging.survivor.code]}
    )
    assert response.status_code == 200
    assert "vào chính nó" in response.content.decode()
    assert not MergedUnit.objects.exists()
