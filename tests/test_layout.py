"""`platform/` is a source folder: as a package it would shadow the standard library."""

import platform as stdlib_platform
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_platform_folder_is_never_a_package():
    assert (ROOT / "platform" / "portal" / "__init__.py").exists()
    assert not (ROOT / "platform" / "__init__.py").exists()


def test_stdlib_platform_is_not_shadowed():
    assert hasattr(stdlib_platform, "python_version")
    assert Path(stdlib_platform.__file__).parent != ROOT / "platform"
