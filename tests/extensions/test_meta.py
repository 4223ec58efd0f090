"""Plugin metadata: wrong or missing fields stop start-up with a message naming the plugin."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from portal.extensions import registry
from portal.extensions.discovery import folder_plugins
from portal.extensions.meta import PluginConfig, read_meta

GOOD = dict(
    name="Mô-đun thử",
    description_vi="Mô tả.",
    description_en="Description.",
    version="1.2.0",
    category="content",
    levels=("commune",),
    compatibility=">=0.1,<1",
)


class FakeModule:
    __path__ = ["/nonexistent"]


def config_with(label="plugin_fake", **meta) -> PluginConfig:
    values = {**GOOD, **meta}
    values = {key: value for key, value in values.items() if value is not None}
    config_class = type(
        "FakeConfig",
        (PluginConfig,),
        {
            "name": "plugins.fake",
            "label": label,
            "PortalPluginMeta": type("PortalPluginMeta", (), values),
        },
    )
    return config_class("plugins.fake", FakeModule())


def test_good_metadata_is_read():
    meta = read_meta(config_with())
    assert (meta.version, meta.category, meta.levels) == ("1.2.0", "content", ("commune",))
    assert meta.suits("commune") and not meta.suits("province")


@pytest.mark.parametrize(
    "change, message",
    [
        ({"version": None}, "missing 'version'"),
        ({"description_en": None, "levels": None}, "missing 'description_en', missing 'levels'"),
        ({"version": "mới"}, "version 'mới' is not a version number"),
        ({"category": "games"}, "category 'games' is not one of"),
        ({"levels": "commune"}, "levels 'commune' must be a tuple"),
        ({"levels": ("village",)}, "levels ('village',) must be a tuple"),
        ({"compatibility": "newest"}, "compatibility 'newest' is not a version range"),
        ({"compatibility": ">=2"}, "it needs platform >=2, this is"),
    ],
)
def test_wrong_metadata_names_the_plugin_and_the_problem(change, message):
    with pytest.raises(ImproperlyConfigured) as raised:
        read_meta(config_with(**change))
    assert "Plugin 'plugins.fake' (app label 'plugin_fake')" in str(raised.value)
    assert message in str(raised.value)


def test_label_must_be_prefixed():
    with pytest.raises(ImproperlyConfigured, match="must start with 'plugin_'"):
        read_meta(config_with(label="fake"))


def test_config_without_meta_class_is_refused():
    config = type("Bare", (PluginConfig,), {"name": "plugins.bare", "label": "plugin_bare"})
    with pytest.raises(ImproperlyConfigured, match="'plugins.bare'.*no PortalPluginMeta"):
        read_meta(config("plugins.bare", FakeModule()))


def test_installed_plugins_are_the_folder_plus_the_test_plugin():
    labels = {plugin.label for plugin in registry.plugins()}
    folder = folder_plugins(Path(settings.BASE_DIR) / "plugins")
    assert {name.split(".")[1] for name in folder} <= {label[len("plugin_") :] for label in labels}
    assert "plugin_dummy" in labels


# --- Start-up, for real: a package announcing itself through the entry point ------------------


def _package(tmp_path: Path, module: str, apps_py: str) -> Path:
    (tmp_path / module).mkdir()
    (tmp_path / module / "__init__.py").write_text("")
    (tmp_path / module / "apps.py").write_text(textwrap.dedent(apps_py))
    info = tmp_path / f"{module}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[portal.plugins]\n{module} = {module}\n")
    return tmp_path


def _run(tmp_path: Path, code: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(tmp_path), "platform", "."]),
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


APPS_PY = """
from portal.extensions.meta import PluginConfig

class TuyenTruyenConfig(PluginConfig):
    name = "{module}"
    label = "plugin_{module}"

    class PortalPluginMeta:
        name = "Tuyên truyền"
        description_vi = "Mô tả."
        description_en = "Description."
        version = {version!r}
        category = "campaign"
        levels = ("commune",)
        compatibility = ">=0.1"
"""


def test_entry_point_plugin_is_installed(tmp_path):
    _package(tmp_path, "tuyentruyen", APPS_PY.format(module="tuyentruyen", version="2.0.1"))
    result = _run(
        tmp_path,
        "import django; django.setup(); from portal.extensions import "
        "registry; print(registry.get('plugin_tuyentruyen').meta.version)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2.0.1"


def test_broken_entry_point_plugin_stops_start_up(tmp_path):
    _package(tmp_path, "hongmeta", APPS_PY.format(module="hongmeta", version="bản mới"))
    result = _run(tmp_path, "import django; django.setup()")
    assert result.returncode != 0
    assert "ImproperlyConfigured: Plugin 'hongmeta' (app label 'plugin_hongmeta')" in result.stderr
    assert "version 'bản mới' is not a version number" in result.stderr


def test_plain_app_installed_as_plugin_stops_start_up(tmp_path):
    _package(
        tmp_path,
        "khongmeta",
        """
        from django.apps import AppConfig

        class PlainConfig(AppConfig):
            name = "khongmeta"
    """,
    )
    result = _run(tmp_path, "import django; django.setup()")
    assert result.returncode != 0
    assert "Plugin 'khongmeta': its AppConfig must subclass" in result.stderr
