"""Every URL pattern of the portal's URLconf, turned into a concrete path.

Generated from django.urls resolvers, so a URL added to any app (Wagtail's admin,
modeladmin, snippets, our apps, plugins) is walked without touching the tests.
Path parameters are filled from `values` (real objects of the unit under test),
by name, or for unnamed regex groups by position (`_0`, `_1`...: the document
URL's id and file name are different things); each filled path is resolved
again and must reach the same view.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404


@dataclass(frozen=True)
class WalkedURL:
    pattern: str  # the full pattern, as written in the URLconf
    name: str  # namespaced name ("wagtailadmin_pages:edit"), or the view's path when unnamed
    view: str  # dotted path of the view
    path: str | None  # the concrete path, or None when no value fits a parameter


_ROUTE_PARAM = re.compile(r"(?<!\?P)<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
_FALLBACKS = ("x", "x/", "")


def patterns() -> Iterator[tuple[str, str, str, URLPattern]]:
    """(pattern text, namespaced name, view path, pattern) for every URL."""

    def walk(entries, prefix: str, namespace: str):
        for entry in entries:
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry.url_patterns, prefix + _text(entry.pattern), inner)
            else:
                view = entry.lookup_str
                name = f"{namespace}{entry.name}" if entry.name else view
                yield prefix + _text(entry.pattern), name, view, entry

    yield from walk(get_resolver().url_patterns, "", "")


def _text(pattern) -> str:
    text = str(pattern)
    return text[1:] if text.startswith("^") else text


def _top_level_groups(regex: str) -> list[tuple[int, int, str | None, str]]:
    """(start, end, name, inner regex) of each outermost group of `regex`."""
    groups, depth, start, escaped = [], 0, 0, False
    for index, char in enumerate(regex):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "(":
            if depth == 0:
                start = index
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                body = regex[start + 1 : index]
                named = re.match(r"\?P<(\w+)>", body)
                if named:
                    groups.append((start, index + 1, named.group(1), body[named.end() :]))
                elif not body.startswith("?"):
                    groups.append((start, index + 1, None, body))
    return groups


def fill(pattern: str, value_for: Callable[[str | None, str], list[str]]) -> str | None:
    """A concrete path for `pattern`, the parameters taken from `value_for(name, pattern)`.

    Route parameters (<int:page_id>) and regex groups ((?P<pk>\\d+)) may mix in one
    pattern (a route include with regex URLs inside).
    """

    def replace(match):
        converter, name = match.group("converter") or "str", match.group("name")
        candidates = value_for(name, pattern)
        if converter == "int":
            candidates = [v for v in candidates if v.isdigit()]
        if not candidates:
            raise LookupError(name)
        return candidates[0]

    try:
        path = _ROUTE_PARAM.sub(replace, pattern)
    except LookupError:
        return None
    groups = _top_level_groups(path)
    for position, (start, end, name, inner) in reversed(list(enumerate(groups))):
        asked = name if name is not None else f"_{position}"
        fitting = [v for v in [*value_for(asked, pattern), *_FALLBACKS] if re.fullmatch(inner, v)]
        if not fitting:
            return None
        path = path[:start] + fitting[0] + path[end:]
    path = path.removesuffix("$")
    return "/" + re.sub(r"\\(.)", r"\1", path)


def walk(value_for: Callable[[str | None, str], list[str]]) -> list[WalkedURL]:
    walked = []
    for pattern, name, view, _entry in patterns():
        path = fill(pattern, value_for)
        if path is not None:
            try:
                match = resolve(path)
                reached = match.view_name if ":" in name or _entry.name else match._func_path
                # One pattern may carry several names (django-ninja names each operation of a
                # path): reaching the same pattern under another of its names is reaching it.
                if reached != name and match.route != pattern:
                    path = None
            except Resolver404:
                path = None
        walked.append(WalkedURL(pattern, name, view, path))
    return walked
