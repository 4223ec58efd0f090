"""Checking a requested merge and counting what it will move, before anything changes."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, schema_context
from wagtail.models import Page

from portal.tenancy.models import Unit, UnitStatus

from .errors import MergeError
from .files import file_models
from .members import members_of
from .models import MergedUnit
from .pages import home_of_current_schema

COUNTED = ("pages", "documents", "images", "media", "editors", "domains")
COUNT_NAMES = {"image": "images", "document": "documents", "media": "media"}


@dataclass
class MergePlan:
    survivor: Unit
    merged: list[Unit]
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # unit code -> what moves

    def totals(self) -> dict[str, int]:
        return {name: sum(c[name] for c in self.counts.values()) for name in COUNTED}


def _unit(code: str) -> Unit:
    unit = Unit.objects.select_related("level").filter(code=code).first()
    if unit is None:
        raise MergeError(_("Không có đơn vị mã “%(code)s”.") % {"code": code})
    return unit


def plan(survivor_code: str, codes: list[str]) -> MergePlan:
    """The merge of `codes` into `survivor_code`, checked; raises MergeError naming each problem."""
    with schema_context(get_public_schema_name()):
        if not codes:
            raise MergeError(_("Chọn ít nhất một đơn vị để sáp nhập."))
        if len(set(codes)) != len(codes):
            raise MergeError(_("Một đơn vị được chọn hai lần."))
        survivor = _unit(survivor_code)
        merged = [_unit(code) for code in codes]
        problems = []
        if not survivor.is_active:
            problems.append(
                _("Đơn vị tiếp nhận %(name)s đã lưu trữ, không thể tiếp nhận.")
                % {"name": survivor.name}
            )
        records = {
            r.unit_id: r
            for r in MergedUnit.objects.select_related("survivor").filter(unit__in=merged)
        }
        codes_in_merge = {unit.code for unit in merged}
        for unit in merged:
            if unit.pk == survivor.pk:
                problems.append(
                    _("Không thể sáp nhập %(name)s vào chính nó.") % {"name": unit.name}
                )
            elif unit.pk in records:
                problems.append(
                    _("%(name)s đã được sáp nhập vào %(survivor)s.")
                    % {"name": unit.name, "survivor": records[unit.pk].survivor.name}
                )
            elif not unit.is_active:
                problems.append(_("%(name)s đã lưu trữ, không thể sáp nhập.") % {"name": unit.name})
            elif survivor.path.startswith(unit.path):
                problems.append(
                    _("Không thể sáp nhập %(name)s vào đơn vị cấp dưới của nó (%(survivor)s).")
                    % {"name": unit.name, "survivor": survivor.name}
                )
            else:
                children = unit.get_children().filter(status=UnitStatus.ACTIVE)
                staying = [child.name for child in children if child.code not in codes_in_merge]
                if staying:
                    problems.append(
                        _(
                            "%(name)s còn đơn vị trực thuộc (%(children)s): hãy chuyển chúng sang "
                            "đơn vị khác hoặc sáp nhập cùng."
                        )
                        % {"name": unit.name, "children": ", ".join(staying)}
                    )
        if problems:
            raise MergeError(" ".join(problems))
        result = MergePlan(survivor=survivor, merged=merged)
        for unit in merged:
            result.counts[unit.code] = count_content(unit)
        return result


def count_content(unit: Unit) -> dict[str, int]:
    """What a merge of `unit` moves: its pages below the home page, files, editors, domains."""
    domains = unit.domains.count()
    with schema_context(unit.schema_name):
        counts = {
            "pages": Page.objects.descendant_of(home_of_current_schema()).count(),
            **{COUNT_NAMES[kind]: model.objects.count() for kind, model in file_models().items()},
        }
    counts.setdefault("media", 0)
    counts["editors"] = len({user_id for user_id, _role in members_of(unit.schema_name)})
    counts["domains"] = domains
    return counts
