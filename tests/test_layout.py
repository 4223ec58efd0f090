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


def _imported_top_modules(package_dir: Path) -> set[str]:
    import ast

    names = set()
    for path in package_dir.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
    return names


def test_core_never_imports_sites_plugins_or_search():
    forbidden = ("sites", "plugins", "search")
    for package in ("tenancy", "accounts", "publications", "theme", "settings"):
        imported = _imported_top_modules(ROOT / "platform" / "portal" / package)
        offending = sorted(n for n in imported if n.split(".")[0] in forbidden)
        assert not offending, f"portal.{package} imports {offending}"


def test_sites_never_imports_plugins_or_search():
    imported = _imported_top_modules(ROOT / "sites")
    assert not sorted(n for n in imported if n.split(".")[0] in ("plugins", "search"))
