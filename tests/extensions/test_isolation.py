"""A plugin active in district A only: every extension point works there and nowhere else.

Extension points checked, each in both units: page types (offer, create view,
edit of an existing page, public page), home page block, admin menu item and
its direct URL, settings panel and its direct URL, ledger kind, signal
receivers, the public main menu.
"""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from portal.extensions import activation, registry
from portal.extensions.signals import page_published
from portal.publications.models import Publication
from tests.conftest import client_for
from tests.extensions.dummy.models import DummyNote, DummyPage
from tests.extensions.helpers import disable, enable, home_of, publish_child
from tests.sites.factories import publish_article

pytestmark = pytest.mark.django_db

ON, OFF = "district_a", "district_b"


@pytest.fixture
def dummy_in_a(network):
    enable(network, ON)
    return network


def test_activation_is_per_unit(dummy_in_a):
    network = dummy_in_a
    assert activation.is_active("plugin_dummy", network.unit(ON))
    assert not activation.is_active("plugin_dummy", network.unit(OFF))
    with schema_context(network.units[OFF].schema_name):
        assert "plugin_dummy" not in activation.active_labels()
    with schema_context(network.units[ON].schema_name):
        assert "plugin_dummy" in activation.active_labels()


def test_page_type_is_offered_and_creatable_only_where_active(dummy_in_a):
    network = dummy_in_a
    admin = network.users["network_admin"]
    for key, allowed in ((ON, True), (OFF, False)):
        home = home_of(network, key)
        with schema_context(network.units[key].schema_name):
            assert DummyPage.can_create_at(home) is allowed
        client = client_for(network, key, admin)
        offer = client.get(f"/admin/pages/{home.pk}/add_subpage/")
        assert offer.status_code == 200
        assert ("/add/plugin_dummy/dummypage/" in offer.content.decode()) is allowed
        create = client.get(f"/admin/pages/add/plugin_dummy/dummypage/{home.pk}/")
        assert create.status_code == (200 if allowed else 404)
        posted = client.post(
            f"/admin/pages/add/plugin_dummy/dummypage/{home.pk}/",
            {"title": "Lén tạo", "slug": "len-tao", "body": "x"},
        )
        assert posted.status_code == (302 if allowed else 404)
        with schema_context(network.units[key].schema_name):
            assert DummyPage.objects.filter(slug="len-tao").exists() is allowed


def test_existing_pages_are_hidden_where_inactive(network):
    enable(network, OFF)
    with schema_context(network.units[OFF].schema_name):
        page = publish_child(home_of(network, OFF), DummyPage(title="Trang mẫu B", slug="mau-b"))
    disable(network, OFF)
    enable(network, ON)
    client = client_for(network, OFF, network.users["network_admin"])
    assert client.get("/mau-b/").status_code == 404
    for path in (
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/pages/{page.pk}/delete/",
        f"/admin/pages/{page.pk}/copy/",
        f"/admin/pages/{page.pk}/move/",
        f"/admin/pages/{page.pk}/unpublish/",
        f"/admin/pages/{page.pk}/view_draft/",
    ):
        assert client.get(path).status_code == 404, path
    explorer = client.get(f"/admin/pages/{home_of(network, OFF).pk}/")
    assert "Trang mẫu B" not in explorer.content.decode()
    with schema_context(network.units[OFF].schema_name):
        assert DummyPage.objects.filter(pk=page.pk, live=True).exists()  # kept


def test_home_block_only_where_active(dummy_in_a):
    network = dummy_in_a
    for key in (ON, OFF):
        with schema_context(network.units[key].schema_name):
            DummyNote.objects.create(text=f"Ghi chú của {key}")
    shown = client_for(network, ON).get("/").content.decode()
    hidden = client_for(network, OFF).get("/").content.decode()
    assert 'class="dummy-block"' in shown and f"Ghi chú của {ON}" in shown
    assert 'class="dummy-block"' not in hidden and "Ghi chú của" not in hidden


def test_admin_menu_item_and_its_urls_only_where_active(dummy_in_a):
    network = dummy_in_a
    admin = network.users["network_admin"]
    on, off = client_for(network, ON, admin), client_for(network, OFF, admin)
    assert "/admin/dummy_notes/" in on.get("/admin/").content.decode()
    assert "/admin/dummy_notes/" not in off.get("/admin/").content.decode()
    assert on.get("/admin/dummy_notes/").status_code == 200
    for path in ("/admin/dummy_notes/", "/admin/dummy_notes/new/"):
        assert off.get(path).status_code == 404, path
    assert off.post("/admin/dummy_notes/new/", {"text": "lọt"}).status_code == 404
    with schema_context(network.units[OFF].schema_name):
        assert not DummyNote.objects.filter(text="lọt").exists()
    assert on.post("/admin/dummy_notes/new/", {"text": "được"}).status_code == 302


def test_settings_panel_only_where_active(dummy_in_a):
    network = dummy_in_a
    admin = network.users["network_admin"]
    on, off = client_for(network, ON, admin), client_for(network, OFF, admin)
    url = "/admin/settings/plugin_dummy/dummysettings/"
    assert url in on.get("/admin/").content.decode()
    assert url not in off.get("/admin/").content.decode()
    assert on.get(url, follow=True).status_code == 200
    assert off.get(url).status_code == 404
    assert off.get(url + "1/").status_code == 404


def test_ledger_kind_only_where_active(dummy_in_a):
    network = dummy_in_a
    pages = {}
    for key in (ON, OFF):
        with schema_context(network.units[key].schema_name):
            # Created directly (the admin would refuse it in OFF): the ledger must still not.
            pages[key] = publish_child(
                home_of(network, key), DummyPage(title=f"Mẫu {key}", slug="mau", body="chữ mẫu")
            )
    row = Publication.objects.get(unit=network.unit(ON), kind="dummy", object_id=pages[ON].pk)
    assert row.status == "live" and row.body_text == "chữ mẫu"
    assert not Publication.objects.filter(
        unit=network.unit(OFF), kind="dummy", status="live"
    ).exists()


def test_signal_receivers_run_only_for_active_units(dummy_in_a):
    network = dummy_in_a
    for key in (ON, OFF):
        with schema_context(network.units[key].schema_name):
            publish_article(f"Tin {key}")
    with schema_context(network.units[ON].schema_name):
        assert DummyNote.objects.filter(text=f"published Tin {ON}").exists()
    with schema_context(network.units[OFF].schema_name):
        assert not DummyNote.objects.filter(text__startswith="published").exists()
    calls = []

    def core_receiver(sender, **kwargs):  # not in a plugin: always runs
        calls.append(sender.code)

    page_published.connect(core_receiver)
    try:
        page_published.send(sender=network.unit(OFF), page=None)
    finally:
        page_published.disconnect(core_receiver)
    assert calls == [network.units[OFF].code]


def test_public_menu_hides_inactive_plugin_pages(network):
    enable(network, ON)
    enable(network, OFF)
    for key in (ON, OFF):
        with schema_context(network.units[key].schema_name):
            publish_child(
                home_of(network, key),
                DummyPage(title="Mục mẫu", slug="muc-mau", show_in_menus=True),
            )
    disable(network, OFF)
    assert 'href="/muc-mau/"' in client_for(network, ON).get("/").content.decode()
    assert 'href="/muc-mau/"' not in client_for(network, OFF).get("/").content.decode()


def test_active_set_is_cached_per_unit_and_dropped_on_change(network, django_assert_num_queries):
    unit = network.unit(ON)
    with schema_context(unit.schema_name):
        assert "plugin_dummy" not in activation.active_labels()
        with django_assert_num_queries(0):
            activation.active_labels()
        activation.change("enable", registry.get("plugin_dummy"), unit)
        assert "plugin_dummy" in activation.active_labels()
        with django_assert_num_queries(0):
            assert activation.is_active("plugin_dummy")
    with schema_context(network.units[OFF].schema_name):
        assert not activation.is_active("plugin_dummy")
