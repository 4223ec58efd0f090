"""Provisioning and lifecycle of units.

A unit is created in one transaction: the Unit row, its domains, its schema
(cloned from the template schema, which PostgreSQL's transactional DDL lets us
roll back), its default content and its first administrator. Any failure rolls
all of it back, so a failed provisioning leaves nothing behind and can simply
be retried.
"""

from __future__ import annotations

import functools
import re
import secrets
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, schema_context

from portal.accounts import roles

from . import routing, schema_pool, template
from .models import UNIT_CODE_VALIDATOR, Domain, Level, Unit, UnitStatus
from .schemas import existing_schemas, schema_name_for_code
from .signals import unit_lifecycle_changed, unit_schema_ready

HOSTNAME_RE = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"
)
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class ProvisioningError(Exception):
    """Bad input or a failed step. `errors` maps a field name (or "__all__") to messages."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__("; ".join(msg for msgs in errors.values() for msg in msgs))


@dataclass
class UnitSpec:
    name: str
    code: str
    level: str
    domains: list[str]
    parent_code: str | None = None
    admin_email: str | None = None


@dataclass
class ProvisionResult:
    unit: Unit
    admin_email: str | None = None
    admin_password: str | None = None  # only when a new account was created
    domains: list[str] = field(default_factory=list)


def in_public_schema(func):
    """Run a network-level operation in the public schema, whichever unit's admin called it."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with schema_context(get_public_schema_name()):
            return func(*args, **kwargs)

    return wrapper


@in_public_schema
def validate(spec: UnitSpec) -> tuple[Level, Unit | None, list[str]]:
    """Check a spec against the network; raise ProvisioningError listing every problem."""
    errors: dict[str, list[str]] = {}

    def add(field_name: str, message: str) -> None:
        errors.setdefault(field_name, []).append(message)

    if not spec.name or not spec.name.strip():
        add("name", _("Tên đơn vị không được để trống."))
    try:
        UNIT_CODE_VALIDATOR(spec.code or "")
    except ValidationError:
        add("code", _("Mã đơn vị “%(code)s” không hợp lệ.") % {"code": spec.code})
    else:
        if Unit.objects.filter(code__iexact=spec.code).exists():
            add("code", _("Mã đơn vị “%(code)s” đã tồn tại.") % {"code": spec.code})
        elif schema_name_for_code(spec.code) in existing_schemas():
            add(
                "code",
                _("Mã “%(code)s” trùng lược đồ dữ liệu “%(schema)s” đã có.")
                % {"code": spec.code, "schema": schema_name_for_code(spec.code)},
            )

    level = Level.objects.filter(code=spec.level).first()
    if level is None:
        add("level", _("Cấp “%(level)s” không tồn tại.") % {"level": spec.level})

    parent = None
    if spec.parent_code:
        parent = Unit.objects.select_related("level").filter(code=spec.parent_code).first()
        if parent is None:
            add("parent", _("Không có đơn vị cấp trên mã “%(code)s”.") % {"code": spec.parent_code})
    if level is not None and (parent is not None or not spec.parent_code):
        if not level.accepts_parent(parent):
            if parent is None:
                add(
                    "parent",
                    _("Đơn vị cấp %(level)s phải có đơn vị cấp trên.") % {"level": level.name},
                )
            else:
                add(
                    "parent",
                    _("Đơn vị cấp %(level)s không thể trực thuộc đơn vị cấp %(parent)s.")
                    % {"level": level.name, "parent": parent.level.name},
                )

    domains = [routing.normalise_host(d) for d in spec.domains if d and d.strip()]
    if not domains:
        add("domains", _("Cần ít nhất một tên miền."))
    for domain in domains:
        if not HOSTNAME_RE.match(domain):
            add("domains", _("Tên miền “%(domain)s” không hợp lệ.") % {"domain": domain})
    if len(set(domains)) != len(domains):
        add("domains", _("Một tên miền được nhập hai lần."))
    taken = list(Domain.objects.filter(domain__in=domains).values_list("domain", flat=True))
    for domain in taken:
        add("domains", _("Tên miền “%(domain)s” đã được dùng.") % {"domain": domain})

    if spec.admin_email and not EMAIL_RE.match(spec.admin_email.strip()):
        add("admin_email", _("Địa chỉ thư “%(email)s” không hợp lệ.") % {"email": spec.admin_email})

    if errors:
        raise ProvisioningError(errors)
    return level, parent, domains


@in_public_schema
def provision(spec: UnitSpec, refill_pool: bool = True) -> ProvisionResult:
    """Create a live unit from `spec`: all or nothing.

    Its schema is a spare from the pool, renamed, or else a fresh clone of the
    template. `refill_pool=False` leaves refilling the pool to the caller
    (provisioning many units in a row gains nothing from refilling in between).
    """
    level, parent, domains = validate(spec)
    schema = schema_name_for_code(spec.code)
    with transaction.atomic():
        unit = Unit(name=spec.name.strip(), code=spec.code, level=level, schema_name=schema)
        unit = parent.add_child(instance=unit) if parent else Unit.add_root(instance=unit)
        for position, domain in enumerate(domains):
            Domain.objects.create(domain=domain, tenant=unit, is_primary=position == 0)
        if not schema_pool.take(schema):
            template.clone(schema)
        result = ProvisionResult(unit=unit, domains=domains)
        with schema_context(schema):
            unit_schema_ready.send(sender=Unit, unit=unit, hostname=domains[0])
            if spec.admin_email:
                user, password = _admin_account(spec.admin_email.strip().lower())
                roles.grant(user, roles.SITE_ADMIN)
                result.admin_email, result.admin_password = user.email, password
        transaction.on_commit(routing.invalidate)
        if refill_pool:
            transaction.on_commit(schema_pool.refill_in_background)
    return result


def _admin_account(email: str):
    """The account for `email`, created with a one-time password if new."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user, None
    password = secrets.token_urlsafe(12)
    user = User.objects.create_user(username=email, email=email, password=password)
    return user, password


@in_public_schema
def rename(unit: Unit, name: str) -> Unit:
    name = (name or "").strip()
    if not name:
        raise ProvisioningError({"name": [_("Tên đơn vị không được để trống.")]})
    with transaction.atomic():
        unit.name = name
        unit.save(update_fields=["name", "updated_at"])
        unit_lifecycle_changed.send(sender=Unit, unit=unit, action="rename")
    return unit


@in_public_schema
def move(unit: Unit, new_parent: Unit | None) -> Unit:
    """Put `unit` (and its subtree) under `new_parent`, if the levels allow it."""
    if new_parent is not None and (
        new_parent.pk == unit.pk or new_parent.path.startswith(unit.path)
    ):
        raise ProvisioningError(
            {"parent": [_("Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.")]}
        )
    if not unit.level.accepts_parent(new_parent):
        parent_level = new_parent.level.name if new_parent else "—"
        raise ProvisioningError(
            {
                "parent": [
                    _("Đơn vị cấp %(level)s không thể trực thuộc đơn vị cấp %(parent)s.")
                    % {"level": unit.level.name, "parent": parent_level}
                ]
            }
        )
    with transaction.atomic():
        if new_parent is None:
            unit.move(Unit.get_first_root_node(), "last-sibling")
        else:
            unit.move(new_parent, "last-child")
        unit.refresh_from_db()
        unit_lifecycle_changed.send(sender=Unit, unit=unit, action="move")
    routing.invalidate()
    return unit


def archive(unit: Unit) -> Unit:
    """Take the portal offline; every page, file and account stays."""
    return _set_status(unit, UnitStatus.ARCHIVED, "archive")


def restore(unit: Unit) -> Unit:
    return _set_status(unit, UnitStatus.ACTIVE, "restore")


@in_public_schema
def _set_status(unit: Unit, status: str, action: str) -> Unit:
    with transaction.atomic():
        unit.status = status
        unit.archived_at = timezone.now() if status == UnitStatus.ARCHIVED else None
        unit.save(update_fields=["status", "archived_at", "updated_at"])
        unit_lifecycle_changed.send(sender=Unit, unit=unit, action=action)
    return unit
