"""Turning a plugin off and on: callbacks run in the unit, data stays, the ledger follows."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tenants.utils import schema_context

from portal.extensions import activation, registry
from portal.extensions.models import PluginActivation
from portal.publications.models import Publication
from tests.conftest import client_for
from tests.extensions.dummy.models import DummyNote, DummyPage
from tests.extensions.helpers import disable, enable, home_of, publish_child

pytestmark = pytest.mark.django_db


def notes(network, key):
    with schema_context(network.units[key].schema_name):
        return list(DummyNote.objects.order_by("pk").values_list("text", flat=True))


def test_callbacks_run_in_the_units_own_schema(network):
    enable(network, "district_a")
    disable(network, "district_a")
    code = network.units["district_a"].code
    assert notes(network, "district_a") == [f"enabled in {code}", f"disabled in {code}"]
    assert notes(network, "district_b") == []


def test_changing_to_the_same_state_does_nothing(network):
    plugin = registry.get("plugin_dummy")
    unit = network.unit("district_a")
    assert activation.change("enable", plugin, unit) is True
    assert activation.change("enable", plugin, unit) is False
    assert notes(network, "district_a") == [f"enabled in {unit.code}"]


def test_disable_hides_and_keeps_data_enable_brings_it_back(network):
    enable(network, "district_a")
    with schema_context(network.units["district_a"].schema_name):
        page = publish_child(
            home_of(network, "district_a"),
            DummyPage(title="Giữ lại", slug="giu-lai", body="nội dung giữ"),
        )
    unit = network.unit("district_a")
    row = Publication.objects.get(unit=unit, kind="dummy", object_id=page.pk)
    client = client_for(network, "district_a")
    assert client.get("/giu-lai/").status_code == 200

    assert "/giu-lai/" in client.get("/sitemap.xml").content.decode()

    disable(network, "district_a")
    assert client.get("/giu-lai/").status_code == 404
    assert "/giu-lai/" not in client.get("/sitemap.xml").content.decode()
    row.refresh_from_db()
    assert row.status == "withdrawn"
    with schema_context(unit.schema_name):
        assert DummyPage.objects.get(pk=page.pk).body == "nội dung giữ"

    enable(network, "district_a")
    assert client.get("/giu-lai/").status_code == 200
    row.refresh_from_db()
    assert row.status == "live" and row.body_text == "nội dung giữ"


def test_failing_callback_rolls_the_activation_back(network, monkeypatch):
    plugin = registry.get("plugin_dummy")

    def refuse(unit):
        raise RuntimeError("no")

    monkeypatch.setattr(plugin, "on_enable", refuse)
    unit = network.unit("district_a")
    with pytest.raises(RuntimeError):
        activation.change("enable", plugin, unit)
    assert not PluginActivation.objects.filter(unit=unit, active=True).exists()
    with schema_context(unit.schema_name):
        assert not activation.is_active(plugin)


def test_scope_reaches_all_communes_of_a_district(network):
    units = activation.scope(network.unit("district_a"), descendants=True, level="commune")
    assert [u.code for u in units] == [network.units["commune_a"].code]
    everything = activation.scope(network.unit("province"), descendants=True)
    assert len(everything) >= 5


def test_command_enables_for_the_communes_of_a_district(network, capsys):
    call_command(
        "plugins",
        "enable",
        "plugin_dummy",
        "--unit",
        network.units["province"].code,
        "--descendants",
        "--level",
        "commune",
    )
    out = capsys.readouterr().out
    assert "2 changed" in out
    on = {u.code for u in activation.units_with("plugin_dummy")}
    assert on >= {network.units["commune_a"].code, network.units["commune_b"].code}
    assert not on & {network.units[k].code for k in ("province", "district_a", "district_b")}
    call_command("plugins", "list", "--unit", network.units["commune_a"].code)
    assert f"{network.units['commune_a'].code} (on)" in capsys.readouterr().out


def test_command_refuses_levels_a_plugin_does_not_suit(network, capsys):
    call_command(
        "plugins",
        "enable",
        "plugin_video_briefs",
        "--unit",
        network.units["district_a"].code,
        "--descendants",
    )
    captured = capsys.readouterr()
    assert "1 changed" in captured.out and "1 refused" in captured.out
    assert network.units["commune_a"].code in captured.err
    assert not activation.is_active("plugin_video_briefs", network.unit("commune_a"))


@pytest.mark.parametrize(
    "args, message",
    [
        (["enable", "plugin_khong_co", "--unit", "TN"], "No plugin 'plugin_khong_co'"),
        (["enable", "plugin_dummy"], "--unit CODE is required"),
        (["enable", "plugin_dummy", "--unit", "KHONG"], "No unit with code 'KHONG'"),
        (["enable", "plugin_dummy", "--unit", "TN", "--level", "thon"], "No level 'thon'"),
        (["enable"], "Name the plugin to enable"),
    ],
)
def test_command_explains_bad_input(network, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("plugins", *args)
    assert not PluginActivation.objects.filter(active=True).exists()
