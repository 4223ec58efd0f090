"""Which apps are plugins: the folders of plugins/ and the ``portal.plugins`` entry points.

Imported by the settings, before Django is set up: nothing here may import
models or Django's app registry.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

ENTRY_POINT_GROUP = "portal.plugins"


def folder_plugins(plugins_dir: Path) -> list[str]:
    """Dotted names ("plugins.video_briefs") of the apps in `plugins_dir`, sorted.

    An app is a sub-folder with an ``apps.py``; anything else (caches, notes)
    is ignored.
    """
    if not plugins_dir.is_dir():
        return []
    package = plugins_dir.name
    return sorted(
        f"{package}.{child.name}"
        for child in plugins_dir.iterdir()
        if child.is_dir() and (child / "apps.py").is_file() and child.name.isidentifier()
    )


def entry_point_plugins() -> list[str]:
    """Apps announced by installed packages, e.g. in pyproject.toml:

    [project.entry-points."portal.plugins"]
    tuyen_truyen = "portal_tuyen_truyen"
    """
    return sorted({point.value for point in entry_points(group=ENTRY_POINT_GROUP)})


def plugin_app_names(plugins_dir: Path) -> list[str]:
    """Every plugin app to install: the folder's first, then the packages', without repeats."""
    names = folder_plugins(plugins_dir)
    return names + [name for name in entry_point_plugins() if name not in names]
