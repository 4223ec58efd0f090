"""What a plugin declares about itself, and the checks that stop start-up when it is wrong.

Every plugin's AppConfig subclasses `PluginConfig` and nests a class named
`PortalPluginMeta`:

    class VideoBriefsConfig(PluginConfig):
        name = "plugins.video_briefs"
        label = "plugin_video_briefs"

        class PortalPluginMeta:
            name = _("Điểm tin video")
            description_vi = "Bản tin video hằng tháng ..."
            description_en = "Monthly video news briefs ..."
            version = "1.0.0"
            category = "media"
            levels = ("province", "district", "commune")
            compatibility = ">=0.1,<1"

Missing or wrong metadata raises ImproperlyConfigured from `ready()`, naming
the plugin: the site does not start with a half-declared module.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

import portal

CATEGORIES = {
    "content": _("Nội dung"),
    "media": _("Đa phương tiện"),
    "organisation": _("Tổ chức, đoàn thể"),
    "campaign": _("Phong trào, chương trình"),
    "service": _("Dịch vụ"),
}
LEVELS = ("province", "district", "commune", "agency")
REQUIRED = ("name", "description_vi", "description_en", "version", "category", "levels",
            "compatibility")  # fmt: skip
LABEL_PREFIX = "plugin_"


@dataclass(frozen=True)
class PluginMeta:
    """A plugin's validated metadata (see the module docstring for the fields)."""

    name: str
    description_vi: str
    description_en: str
    version: str
    category: str
    levels: tuple[str, ...]
    compatibility: str

    @property
    def category_label(self) -> str:
        return str(CATEGORIES[self.category])

    def suits(self, level_code: str) -> bool:
        return level_code in self.levels


def read_meta(app_config: AppConfig, platform_version: str = portal.__version__) -> PluginMeta:
    """The validated metadata of `app_config`; ImproperlyConfigured naming it if wrong."""
    who = f"Plugin {app_config.name!r} (app label {app_config.label!r})"
    declared = getattr(app_config, "PortalPluginMeta", None)
    if declared is None:
        raise ImproperlyConfigured(f"{who} has no PortalPluginMeta class in its AppConfig.")
    problems = [f"missing {field!r}" for field in REQUIRED if not getattr(declared, field, None)]
    if problems:
        raise ImproperlyConfigured(f"{who}: PortalPluginMeta {', '.join(problems)}.")
    values = {field: getattr(declared, field) for field in REQUIRED}
    if not app_config.label.startswith(LABEL_PREFIX):
        problems.append(f"the app label must start with {LABEL_PREFIX!r}")
    try:
        Version(str(values["version"]))
    except InvalidVersion:
        problems.append(f"version {values['version']!r} is not a version number (e.g. '1.2.0')")
    if values["category"] not in CATEGORIES:
        problems.append(
            f"category {values['category']!r} is not one of {', '.join(sorted(CATEGORIES))}"
        )
    levels = values["levels"]
    if isinstance(levels, str) or not all(level in LEVELS for level in levels):
        problems.append(f"levels {levels!r} must be a tuple of {', '.join(LEVELS)}")
    try:
        compatible = Version(platform_version) in SpecifierSet(str(values["compatibility"]))
    except InvalidSpecifier:
        problems.append(
            f"compatibility {values['compatibility']!r} is not a version range (e.g. '>=0.1,<1')"
        )
    else:
        if not compatible:
            problems.append(
                f"it needs platform {values['compatibility']}, this is {platform_version}"
            )
    if problems:
        raise ImproperlyConfigured(f"{who}: {'; '.join(problems)}.")
    values["levels"] = tuple(levels)
    values["version"] = str(values["version"])
    for field in ("description_vi", "description_en", "compatibility"):
        values[field] = str(values[field])
    return PluginMeta(**values)


class PluginConfig(AppConfig):
    """Base AppConfig of every plugin: metadata, lifecycle callbacks, validation at start-up.

    Subclasses override `on_enable` / `on_disable` and register their extension
    points from `ready()` (call super().ready() first).
    """

    default_auto_field = "django.db.models.BigAutoField"
    # Imported into a plugin's apps.py, this base must not count as a second candidate
    # when Django picks the app's config; its subclasses do count.
    default = False
    meta: PluginMeta
    # Labels of third-party apps that exist only for this plugin (e.g. wagtailmedia
    # for video briefs): their admin URLs and menu items follow the plugin's activation.
    adopted_apps: tuple[str, ...] = ()
    # Slugs of core sections on the same subject (e.g. "dan-van" for the Fatherland
    # Front): the plugin's top-level page nests under the first such section of the
    # main menu instead of showing beside it (portal.extensions.menu).
    menu_section_slugs: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "default" not in cls.__dict__:
            cls.default = True

    def ready(self):
        self.meta = read_meta(self)

    def on_enable(self, unit) -> None:
        """Called when the plugin is turned on for `unit` (also when turned on again).

        Runs in the unit's schema, inside the transaction that records the
        activation: raising refuses the activation and rolls everything back.
        Create default content here (e.g. an index page), idempotently: data
        kept from an earlier activation must be reused, not duplicated.
        """

    def demo_content(self, unit, author) -> int:
        """Sample content for the demo network of `make run`; returns how many pages it made.

        Called in `unit`'s schema once the plugin is on there. Like `on_enable`,
        idempotent: what exists is kept. Labelled as sample content.
        """
        return 0

    def on_disable(self, unit) -> None:
        """Called when the plugin is turned off for `unit`, in its schema and transaction.

        Must keep the unit's data: the platform already hides the plugin's
        pages, blocks, menus and ledger rows. Release outside resources here.
        """
