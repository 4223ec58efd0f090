"""The demo network of `make run`: a province, two districts, four communes, sample content.

All sample text is written for this project and labelled as sample content.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tenants.utils import schema_context

from portal.accounts import roles
from portal.analytics.models import PageViewDay, VisitorCounterPreference
from portal.extensions import activation, registry
from portal.publications.models import Publication
from portal.tenancy.models import Unit
from portal.tenancy.provisioning import UnitSpec, provision

from . import demo_media
from .demo_content import fill_unit

DEMO_PASSWORD = "demo-2025"
NETWORK_ADMIN = "admin"


@dataclass(frozen=True)
class DemoUnit:
    code: str
    name: str
    level: str
    parent: str | None
    domains: tuple[str, ...]
    editor: str

    @property
    def contributor(self) -> str:
        """The unit's demo contributor (cộng tác viên): writes and submits, never publishes."""
        return self.editor.replace("bientap.", "congtacvien.")


DEMO_UNITS = [
    DemoUnit(
        "DEMO", "Tỉnh Sơn Lâm", "province", None, ("tinh.localhost", "localhost"), "bientap.tinh"
    ),
    DemoUnit(
        "DEMO-H1",
        "Huyện Tam Giang",
        "district",
        "DEMO",
        ("tamgiang.localhost",),
        "bientap.tamgiang",
    ),
    DemoUnit(
        "DEMO-H2", "Huyện Phú Lộc", "district", "DEMO", ("phuloc.localhost",), "bientap.phuloc"
    ),
    DemoUnit(
        "DEMO-H1-X1",
        "Xã Đồng Xuân",
        "commune",
        "DEMO-H1",
        ("dongxuan.localhost",),
        "bientap.dongxuan",
    ),
    DemoUnit(
        "DEMO-H1-X2", "Xã Tân Hòa", "commune", "DEMO-H1", ("tanhoa.localhost",), "bientap.tanhoa"
    ),
    DemoUnit(
        "DEMO-H2-X1", "Xã Phú Mỹ", "commune", "DEMO-H2", ("phumy.localhost",), "bientap.phumy"
    ),
    DemoUnit(
        "DEMO-H2-X2", "Xã Lộc Điền", "commune", "DEMO-H2", ("locdien.localhost",), "bientap.locdien"
    ),
]


def ensure_network_admin() -> tuple[object, bool]:
    User = get_user_model()
    user = User.objects.filter(username=NETWORK_ADMIN).first()
    if user:
        return user, False
    user = User.objects.create_superuser(NETWORK_ADMIN, "admin@demo.vn", DEMO_PASSWORD)
    return user, True


def build_demo_network(log=print, port: int = 8000) -> None:
    """Create whatever part of the demo network is missing: units, accounts, content.

    Re-running adds only what is missing (a network made by an older version
    gets the newer sample content too) and changes nothing that exists.
    `port` is only for the addresses printed: links follow each request.
    """
    ensure_network_admin()
    if not demo_media.has_font():
        log(f"  ! {demo_media.FONT} missing: documents get text files, pictures no words")
    for demo in DEMO_UNITS:
        unit = Unit.objects.filter(code=demo.code).first()
        created = unit is None
        if created:
            unit = provision(
                UnitSpec(
                    demo.name, demo.code, demo.level, list(demo.domains), parent_code=demo.parent
                ),
                refill_pool=False,
            ).unit
        with schema_context(unit.schema_name):
            editor = _account(demo.editor)
            contributor = _account(demo.contributor)
            if not roles.roles_of(editor):
                roles.grant(editor, roles.EDITOR)
            if not roles.roles_of(contributor):
                roles.grant(contributor, roles.CONTRIBUTOR)
            made = fill_unit(unit, editor)
        made["modules"] = _modules(unit, editor)
        _visitor_figures(unit)
        state = "+" if created else "="
        log(
            f"  {state} {demo.name}: {portal_address(demo.domains[0], port)} "
            f"({made['articles']} new articles, {made['documents']} new documents, "
            f"{made['albums']} new albums, {made['modules']} new module pages)"
        )


def _modules(unit: Unit, author) -> int:
    """Every optional module that suits the unit's level, on, with its sample content."""
    made = 0
    for plugin in registry.plugins():
        if not plugin.meta.suits(unit.level.code):
            continue
        activation.change("enable", plugin, unit)
        with schema_context(unit.schema_name):
            made += plugin.demo_content(unit, author)
    return made


def _visitor_figures(unit: Unit) -> None:
    """The home page's counter shown, and a fortnight of page views on the unit's published
    pages (view counts, "Đọc nhiều nhất"); a unit that has any views keeps them."""
    VisitorCounterPreference.objects.get_or_create(unit=unit, defaults={"show_total": True})
    if PageViewDay.objects.filter(unit=unit).exists():
        return
    today = timezone.localdate()
    page_ids = Publication.objects.filter(unit=unit).order_by("object_id")
    page_ids = page_ids.values_list("object_id", flat=True)
    PageViewDay.objects.bulk_create(
        PageViewDay(
            unit=unit,
            page_id=page_id,
            day=today - datetime.timedelta(days=age),
            views=(page_id * 37 + age * 11) % 90 + 10,  # varied, the same on every run
        )
        for page_id in page_ids
        for age in range(14)
    )


def _account(username: str):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username, defaults={"email": f"{username}@demo.vn"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def portal_address(domain: str, port: int) -> str:
    return f"http://{domain}{'' if port == 80 else f':{port}'}/"


def sign_ins(port: int = 8000) -> list[tuple[str, str, str]]:
    """(where, username, password) for the terminal, with the port `runserver` listens on."""
    rows = [("mọi đơn vị (quản trị mạng lưới)", NETWORK_ADMIN, DEMO_PASSWORD)]
    for d in DEMO_UNITS:
        where = f"{portal_address(d.domains[0], port)}admin/"
        rows += [(where, d.editor, DEMO_PASSWORD), (where, d.contributor, DEMO_PASSWORD)]
    return rows
