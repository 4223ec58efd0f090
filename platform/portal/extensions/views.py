"""Admin views: a unit's plugins (its administrators) and bulk changes (the network's)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts import access
from portal.tenancy.models import Unit

from . import activation, permissions, registry
from .activation import ActivationRefused
from .forms import BulkActivationForm
from .models import PluginActivation


def _current_unit(request) -> Unit:
    unit = getattr(request, "tenant", None)
    if not isinstance(unit, Unit):
        raise PermissionDenied
    return unit


def unit_plugins(request):
    """The plugins suited to this unit, their state, and the buttons the user may press."""
    unit = _current_unit(request)
    access.require(request, access.ADMINISTER_UNIT)
    rows = {row.plugin: row for row in PluginActivation.objects.filter(unit=unit)}
    items = []
    for plugin in registry.plugins():
        if not plugin.meta.suits(unit.level.code):
            continue
        row = rows.get(plugin.label)
        items.append(
            {
                "plugin": plugin,
                "active": bool(row and row.active),
                "allowed": bool(row and row.allowed),
                "may_enable": permissions.may_change(request.user, "enable", plugin, unit),
                "may_disable": permissions.may_change(request.user, "disable", plugin, unit),
            }
        )
    return TemplateResponse(
        request,
        "portal_extensions/unit_plugins.html",
        {
            "unit": unit,
            "items": items,
            "is_network_admin": access.is_network_admin(request.user),
        },
    )


@require_POST
def toggle(request):
    """Enable or disable one plugin in this unit (POST plugin=<label>, action=enable|disable)."""
    unit = _current_unit(request)
    action = request.POST.get("action")
    try:
        plugin = activation.plugin_by_label(request.POST.get("plugin", ""))
    except ActivationRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("portal_extensions:unit")
    if action not in ("enable", "disable") or not permissions.may_change(
        request.user, action, plugin, unit
    ):
        raise PermissionDenied
    try:
        activation.change(action, plugin, unit, by=request.user)
    except ActivationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        done = _("Đã bật %(plugin)s.") if action == "enable" else _("Đã tắt %(plugin)s.")
        messages.success(request, done % {"plugin": plugin.meta.name})
    return redirect("portal_extensions:unit")


def network(request):
    """Network administrators: one action on a plugin for many units at once."""
    access.require(request, access.ADMINISTER_NETWORK)
    form = BulkActivationForm(request.POST or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        plugin = registry.get(data["plugin"])
        units = activation.scope(
            data["root"], data["descendants"], data["level"].code if data["level"] else None
        )
        if not units:
            form.add_error("level", _("Không có đơn vị nào ở cấp này trong nhánh đã chọn."))
        else:
            outcome = activation.change_many(data["action"], plugin, units, by=request.user)
            messages.success(
                request,
                _(
                    "%(plugin)s: đã thay đổi %(changed)d đơn vị, %(unchanged)d không đổi, "
                    "%(refused)d bị từ chối."
                )
                % {
                    "plugin": plugin.meta.name,
                    "changed": len(outcome.changed),
                    "unchanged": len(outcome.unchanged),
                    "refused": len(outcome.refused),
                },
            )
    states = {}
    for row in PluginActivation.objects.filter(active=True).select_related("unit"):
        states.setdefault(row.plugin, []).append(row.unit)
    overview = [(plugin, states.get(plugin.label, [])) for plugin in registry.plugins()]
    return TemplateResponse(
        request,
        "portal_extensions/network.html",
        {
            "form": form,
            "outcome": outcome,
            "overview": overview,
        },
    )
