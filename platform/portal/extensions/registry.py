"""The installed plugins, and which plugin owns a model, a module or a URL."""

from __future__ import annotations

import functools

from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured

from .meta import LABEL_PREFIX, PluginConfig


def plugins() -> list[PluginConfig]:
    """Every installed plugin, sorted by label."""
    found = [config for config in apps.get_app_configs() if isinstance(config, PluginConfig)]
    return sorted(found, key=lambda config: config.label)


def get(label: str) -> PluginConfig:
    """The plugin with app label `label`; LookupError naming it if there is none."""
    for config in plugins():
        if config.label == label:
            return config
    raise LookupError(f"No plugin with the label {label!r}.")


@functools.cache
def _adopters() -> dict[str, PluginConfig]:
    """App label -> the plugin that adopted it (the installed apps never change at run time)."""
    return {label: plugin for plugin in plugins() for label in plugin.adopted_apps}


def plugin_of_app(app_config: AppConfig | None) -> PluginConfig | None:
    """The plugin `app_config` is, or the plugin that adopted it (PluginConfig.adopted_apps)."""
    if isinstance(app_config, PluginConfig) or app_config is None:
        return app_config
    return _adopters().get(app_config.label)


def plugin_of_model(model) -> PluginConfig | None:
    """The plugin that defines `model` (a class or instance), or None for core models."""
    return plugin_of_app(model._meta.app_config)


def plugin_of_module(module_name: str) -> PluginConfig | None:
    """The plugin whose package contains the dotted `module_name`, or None."""
    return plugin_of_app(apps.get_containing_app_config(module_name))


def check_every_plugin_app(plugin_names: list[str]) -> None:
    """Every app installed as a plugin must be a PluginConfig with a plugin_ label.

    Called once at start-up with the names the settings installed as plugins:
    an app dropped into plugins/ without the plugin base class would otherwise
    escape activation entirely.
    """
    for name in plugin_names:
        config = next(
            (
                c
                for c in apps.get_app_configs()
                if c.name == name.split(".apps.")[0] or f"{c.__module__}.{type(c).__name__}" == name
            ),
            None,
        )
        if config is None:
            continue  # not installed by these settings
        if not isinstance(config, PluginConfig) or not config.label.startswith(LABEL_PREFIX):
            raise ImproperlyConfigured(
                f"Plugin {config.name!r}: its AppConfig must subclass "
                f"portal.extensions.meta.PluginConfig and have a label starting with "
                f"{LABEL_PREFIX!r}."
            )
