"""Plugins stay independent: the core never names one, and no plugin imports another."""

from pathlib import Path

from tests.test_layout import ROOT, _imported_top_modules

PLUGINS = sorted(p.name for p in (ROOT / "plugins").iterdir() if (p / "apps.py").is_file())


def test_the_plugin_api_never_imports_sites_plugins_or_search():
    imported = _imported_top_modules(ROOT / "platform" / "portal" / "extensions")
    assert not sorted(n for n in imported if n.split(".")[0] in ("sites", "plugins", "search"))


def test_no_plugin_imports_another_or_search():
    assert {"video_briefs", "mttq", "nong_thon_moi"} <= set(PLUGINS)
    for name in PLUGINS:
        imported = _imported_top_modules(Path(ROOT / "plugins" / name))
        others = sorted(
            module
            for module in imported
            if module.split(".")[0] == "search"
            or (module.startswith("plugins.") and module.split(".")[1] != name)
        )
        assert not others, f"plugins/{name} imports {others}"
