"""The layout and the import rules of docs/architecture.md ("Who may import whom").

`platform/` is a source folder: as a package it would shadow the standard library.
Every import of the project's own code is read with `ast`, including imports
inside functions, and checked against the layers below; no module may reach
itself again through its imports (no cycles, hidden or not).
"""

from __future__ import annotations

import ast
import platform as stdlib_platform
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = {
    "portal": ROOT / "platform" / "portal",
    "sites": ROOT / "sites",
    "search": ROOT / "search",
    "plugins": ROOT / "plugins",
}

# A part may import only parts of strictly lower layers (never one of its own layer:
# sites and search never import each other, nor does a plugin another plugin).
LAYERS = [
    # primitives
    {"portal.clients", "portal.ratelimit", "portal.embedded_db", "portal.elasticsearch_hosts"},
    {"portal.embedded_replica"},  # the embedded server's replica
    {"portal.accounts"},  # people, roles, who may do what (portal.accounts.access)
    {"portal.tenancy"},  # units and their schemas
    {"portal.publications", "portal.audit"},  # the ledger, the audit log
    {"portal.extensions", "portal.operations"},  # the plugin API; backups and the worker
    {"portal.theme"},  # the shared templates: the main menu holds the plugins' entries
    {"portal.reports", "portal.feedback", "portal.syndication", "portal.merges"},
    {"portal.analytics", "portal.compliance"},  # built on reports and feedback
    {"sites", "search"},  # every portal's pages; network search (through the ledger)
    {"plugins.*"},  # optional modules, each on its own
    {"portal.settings", "portal.urls", "portal.wsgi"},  # the wiring
]


def test_platform_folder_is_never_a_package():
    assert (ROOT / "platform" / "portal" / "__init__.py").exists()
    assert not (ROOT / "platform" / "__init__.py").exists()


def test_stdlib_platform_is_not_shadowed():
    assert hasattr(stdlib_platform, "python_version")
    assert Path(stdlib_platform.__file__).parent != ROOT / "platform"


def _modules() -> dict[str, Path]:
    """Every module of the project's code (migrations aside: they name apps, not code)."""
    found = {}
    for top, folder in SOURCES.items():
        for path in folder.rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = [top, *path.relative_to(folder).with_suffix("").parts]
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(module: str, path: Path) -> set[str]:
    """The project modules `module` imports, wherever the import statement stands."""
    names = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                names.add(submodule if submodule in MODULES else target)
    return {name for name in names if name.split(".")[0] in SOURCES}


IMPORTS = {module: _imports(module, path) for module, path in MODULES.items()}


def _part(module: str) -> str:
    top, _dot, rest = module.partition(".")
    return f"{top}.{rest.split('.')[0]}" if top in ("portal", "plugins") and rest else top


def _layer(part: str) -> int:
    for index, layer in enumerate(LAYERS):
        if part in layer or (part.startswith("plugins.") and "plugins.*" in layer):
            return index
    raise AssertionError(f"{part} is in no layer: add it to LAYERS and docs/architecture.md")


def test_every_part_has_a_layer():
    parts = {_part(module) for module in MODULES} - {"portal", "plugins"}
    for part in parts:
        _layer(part)
    assert {"portal.accounts", "portal.audit", "sites", "search", "plugins.mttq"} <= parts


def test_each_part_imports_only_lower_layers():
    offending = []
    for module, imported in IMPORTS.items():
        source = _part(module)
        if source in ("portal", "plugins"):
            continue
        for name in imported:
            target = _part(name)
            if target not in ("portal", "plugins", source) and _layer(target) >= _layer(source):
                offending.append(f"{module} imports {name}")
    assert not offending, "\n".join(sorted(offending))


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one node (Tarjan's algorithm, iterative)."""
    index, low, on_stack, stack, groups = {}, {}, set(), [], []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_imports_itself_back():
    graph = {module: imported & MODULES.keys() for module, imported in IMPORTS.items()}
    assert _cycles(graph) == []


def test_no_package_cycles():
    graph: dict[str, set[str]] = {}
    for module, imported in IMPORTS.items():
        graph.setdefault(_part(module), set()).update(
            _part(name) for name in imported if _part(name) != _part(module)
        )
    assert _cycles(graph) == []


def test_plugins_never_import_search():
    """A plugin reaches search only through the ledger, like every page type."""
    offending = [
        f"{module} imports {name}"
        for module, imported in IMPORTS.items()
        if module.startswith("plugins.")
        for name in imported
        if _part(name) == "search"
    ]
    assert {"plugins.mttq", "plugins.video_briefs"} <= {_part(m) for m in IMPORTS}
    assert not offending, "\n".join(sorted(offending))
