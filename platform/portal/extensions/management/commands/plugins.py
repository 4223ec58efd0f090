"""List plugins and turn them on or off for one unit or a whole branch of the network."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from portal.extensions import activation, registry
from portal.extensions.models import PluginActivation
from portal.tenancy.models import Level, Unit


class Command(BaseCommand):
    help = (
        "plugins list [--unit CODE] | plugins {enable,disable,allow,disallow} PLUGIN --unit CODE "
        "[--descendants] [--level LEVEL]. Example, every commune of district TN-HA: "
        "plugins enable plugin_mttq --unit TN-HA --descendants --level commune"
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=("list",) + activation.ACTIONS)
        parser.add_argument("plugin", nargs="?", help="The plugin's app label, e.g. plugin_mttq.")
        parser.add_argument("--unit", help="Unit code (the root of the branch with --descendants).")
        parser.add_argument(
            "--descendants", action="store_true", help="Also every unit below --unit."
        )
        parser.add_argument("--level", help="Only units of this level (province, district, ...).")

    def handle(self, *args, action, plugin, unit, descendants, level, **options):
        translation.activate("en")
        if action == "list":
            return self._list(unit)
        if not plugin:
            raise CommandError(f"Name the plugin to {action}: one of {self._labels()}.")
        try:
            config = registry.get(plugin)
        except LookupError:
            raise CommandError(f"No plugin {plugin!r}; installed: {self._labels()}.") from None
        if not unit:
            raise CommandError("--unit CODE is required.")
        root = self._unit(unit)
        if level and not Level.objects.filter(code=level).exists():
            codes = ", ".join(Level.objects.values_list("code", flat=True))
            raise CommandError(f"No level {level!r}; levels are {codes}.")
        units = activation.scope(root, descendants, level)
        if not units:
            raise CommandError(f"No unit of level {level!r} under {root.code}.")
        outcome = activation.change_many(action, config, units)
        for changed in outcome.changed:
            self.stdout.write(f"{action}d: {changed.code} {changed.name}")
        for refused, reason in outcome.refused:
            self.stderr.write(f"refused: {refused.code} {refused.name}: {reason}")
        self.stdout.write(
            f"{config.label}: {len(outcome.changed)} changed, {len(outcome.unchanged)} unchanged, "
            f"{len(outcome.refused)} refused."
        )

    def _labels(self) -> str:
        return ", ".join(p.label for p in registry.plugins()) or "none"

    def _unit(self, code: str) -> Unit:
        found = Unit.objects.filter(code=code).first()
        if found is None:
            raise CommandError(f"No unit with code {code!r} (see `manage.py units`).")
        return found

    def _list(self, code: str | None):
        rows = PluginActivation.objects.all()
        if code:
            rows = rows.filter(unit=self._unit(code))
        states: dict[str, list[str]] = {}
        for row in rows.select_related("unit").order_by("unit__path"):
            if row.active or row.allowed:
                state = "on" if row.active else "allowed"
                states.setdefault(row.plugin, []).append(f"{row.unit.code} ({state})")
        for config in registry.plugins():
            meta = config.meta
            self.stdout.write(
                f"{config.label:<24} {meta.version:<8} {meta.category:<12} "
                f"levels={','.join(meta.levels)}  {meta.description_en}"
            )
            self.stdout.write(
                "    " + (", ".join(states.get(config.label, [])) or "off everywhere")
            )
