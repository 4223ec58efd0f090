"""Server-side enforcement: no URL of an inactive plugin answers, whoever asks and however.

`owner_of` finds the plugin behind a resolved URL, from (in order):
- an app label in the URL (`app_label`, `app_name`, `content_type_app_name`:
  settings panels, page creation, usage, bulk actions, autocomplete);
- a page id in the URL (`page_id`, `page_to_move_id`, `parent_page_id`, or
  `pk` in Wagtail's page views): the page's type;
- the model a view (viewset) was built for;
- the module the view is defined in.
`PluginGuardMiddleware` answers 404 when that plugin is inactive in the
current unit; admin menus drop items whose URL it would refuse.
"""

from __future__ import annotations

from functools import lru_cache

from django.apps import apps
from django.http import Http404
from django.urls import Resolver404, ResolverMatch, resolve
from wagtail.models import Page

from . import activation
from .meta import PluginConfig
from .registry import plugin_of_app, plugin_of_model, plugin_of_module

APP_KWARGS = ("app_label", "app_name", "content_type_app_name")
PAGE_KWARGS = ("page_id", "page_to_move_id", "parent_page_id")


def _plugin_of_label(label: str) -> PluginConfig | None:
    try:
        return plugin_of_app(apps.get_app_config(label))
    except LookupError:
        return None


def _plugin_of_page(page_id) -> PluginConfig | None:
    label = Page.objects.filter(pk=page_id).values_list("content_type__app_label", flat=True)
    label = label.first()
    return _plugin_of_label(label) if label else None


def _plugin_of_view(func) -> PluginConfig | None:
    model = getattr(func, "view_initkwargs", {}).get("model")
    view_class = getattr(func, "view_class", None)
    model = model or getattr(view_class, "model", None)
    if isinstance(model, type) and hasattr(model, "_meta"):
        owner = plugin_of_model(model)
        if owner is not None:
            return owner
    target = view_class or func
    return plugin_of_module(getattr(target, "__module__", "") or "")


def owner_of(match: ResolverMatch) -> PluginConfig | None:
    """The plugin a resolved URL belongs to, or None (see the module docstring)."""
    for key in APP_KWARGS:
        if key in match.kwargs:
            return _plugin_of_label(match.kwargs[key])
    page_keys = PAGE_KWARGS + (("pk",) if "wagtailadmin_pages" in match.namespaces else ())
    for key in page_keys:
        if key in match.kwargs:
            owner = _plugin_of_page(match.kwargs[key])
            if owner is not None:
                return owner
    return _plugin_of_view(match.func)


@lru_cache(maxsize=512)
def _owner_label_of_path(path: str) -> str | None:
    try:
        owner = owner_of(resolve(path))
    except Resolver404:
        return None
    return owner.label if owner else None


def url_allowed_here(url: str) -> bool:
    """Whether a menu item's URL belongs to no plugin or to one active in the current unit."""
    label = _owner_label_of_path(url.split("?")[0])
    return label is None or label in activation.active_labels()


class PluginGuardMiddleware:
    """404 for any view of a plugin that is not active in the current unit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if match is None:
            return None
        owner = owner_of(match)
        if owner is not None and not activation.is_active(owner):
            raise Http404
        return None
