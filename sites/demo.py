"""The demo network of `make run`: a province, two districts, four communes, sample news.

All sample text is written for this project and labelled as sample content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tenants.utils import schema_context
from wagtail.models import Site
from wagtail.rich_text import RichText

from portal.accounts import roles
from portal.tenancy.models import Unit
from portal.tenancy.provisioning import UnitSpec, provision

from .models import ArticlePage, ContactPage, IntroductionPage, SectionPage

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


DEMO_UNITS = [
    DemoUnit("DEMO", "Tỉnh Sơn Lâm", "province", None, ("tinh.localhost", "localhost"), "bientap.tinh"),
    DemoUnit("DEMO-H1", "Huyện Tam Giang", "district", "DEMO", ("tamgiang.localhost",), "bientap.tamgiang"),
    DemoUnit("DEMO-H2", "Huyện Phú Lộc", "district", "DEMO", ("phuloc.localhost",), "bientap.phuloc"),
    DemoUnit("DEMO-H1-X1", "Xã Đồng Xuân", "commune", "DEMO-H1", ("dongxuan.localhost",), "bientap.dongxuan"),
    DemoUnit("DEMO-H1-X2", "Xã Tân Hòa", "commune", "DEMO-H1", ("tanhoa.localhost",), "bientap.tanhoa"),
    DemoUnit("DEMO-H2-X1", "Xã Phú Mỹ", "commune", "DEMO-H2", ("phumy.localhost",), "bientap.phumy"),
    DemoUnit("DEMO-H2-X2", "Xã Lộc Điền", "commune", "DEMO-H2", ("locdien.localhost",), "bientap.locdien"),
]

ARTICLE_TEMPLATES = [
    (
        "{name} tổ chức hội nghị sơ kết công tác xây dựng Đảng 6 tháng đầu năm",
        "Hội nghị đánh giá kết quả thực hiện nhiệm vụ chính trị và đề ra giải pháp cho 6 tháng cuối năm.",
        "<p>Sáng nay, {name} tổ chức hội nghị sơ kết công tác xây dựng Đảng và hệ thống chính trị "
        "6 tháng đầu năm. Các đại biểu đã thảo luận về công tác phát triển đảng viên, kiểm tra, giám sát "
        "và cải cách hành chính.</p><p>Hội nghị thống nhất các giải pháp trọng tâm cho 6 tháng cuối năm.</p>",
    ),
    (
        "{name} ra quân chiến dịch Mùa hè xanh",
        "Đoàn viên, thanh niên tham gia sửa đường giao thông nông thôn và dọn vệ sinh môi trường.",
        "<p>Hưởng ứng chiến dịch tình nguyện Mùa hè xanh, đoàn viên, thanh niên {name} đã ra quân "
        "sửa chữa đường giao thông, trồng cây xanh và dọn vệ sinh khu dân cư.</p>",
    ),
    (
        "{name} đẩy mạnh chuyển đổi số trong cải cách hành chính",
        "Người dân được hướng dẫn nộp hồ sơ trực tuyến qua Cổng dịch vụ công.",
        "<p>{name} tiếp tục triển khai các giải pháp chuyển đổi số, hướng dẫn người dân sử dụng dịch vụ "
        "công trực tuyến và ứng dụng công nghệ thông tin trong giải quyết thủ tục hành chính.</p>",
    ),
    (
        "Gặp mặt kỷ niệm ngày thành lập Mặt trận Tổ quốc Việt Nam tại {name}",
        "Ngày hội Đại đoàn kết toàn dân tộc được tổ chức ở các khu dân cư.",
        "<p>Nhân dịp kỷ niệm ngày thành lập Mặt trận Tổ quốc Việt Nam, {name} tổ chức gặp mặt các thế hệ "
        "cán bộ mặt trận và phát động Ngày hội Đại đoàn kết toàn dân tộc.</p>",
    ),
]


def ensure_network_admin() -> tuple[object, bool]:
    User = get_user_model()
    user = User.objects.filter(username=NETWORK_ADMIN).first()
    if user:
        return user, False
    user = User.objects.create_superuser(NETWORK_ADMIN, "admin@demo.vn", DEMO_PASSWORD)
    return user, True


def build_demo_network(log=print) -> None:
    """Create whatever part of the demo network is missing; existing units are left alone."""
    ensure_network_admin()
    for demo in DEMO_UNITS:
        if Unit.objects.filter(code=demo.code).exists():
            log(f"  = {demo.name} (exists)")
            continue
        unit = provision(
            UnitSpec(demo.name, demo.code, demo.level, list(demo.domains), parent_code=demo.parent)
        ).unit
        with schema_context(unit.schema_name):
            editor = _editor_account(demo)
            roles.grant(editor, roles.EDITOR)
            _fill_content(unit, editor)
        log(f"  + {demo.name}: http://{demo.domains[0]}:8000/")


def _editor_account(demo: DemoUnit):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=demo.editor, defaults={"email": f"{demo.editor}@demo.vn"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _fill_content(unit: Unit, author) -> None:
    home = Site.objects.get(is_default_site=True).root_page.specific
    home.intro = f"<p>Cổng thông tin điện tử của {unit.name} (nội dung mẫu).</p>"
    home.save_revision(user=author).publish()
    news = SectionPage.objects.child_of(home).get(slug="tin-tuc-su-kien")
    now = timezone.now()
    for days_ago, (title, lead, body) in enumerate(ARTICLE_TEMPLATES):
        article = ArticlePage(
            title=title.format(name=unit.name),
            lead=lead,
            body=[("paragraph", RichText(body.format(name=unit.name)))],
            date=now - timedelta(days=days_ago * 3),
            owner=author,
        )
        news.add_child(instance=article)
        article.save_revision(user=author).publish()
    intro = IntroductionPage.objects.child_of(home).get()
    intro.functions = f"<p>{unit.name} là đơn vị hành chính của mạng lưới mẫu.</p>"
    intro.save_revision(user=author).publish()
    contact = ContactPage.objects.child_of(home).get()
    contact.address = f"Trụ sở {unit.name}"
    contact.phone = "0200 3800 000"
    contact.email = "vanphong@demo.vn"
    contact.save_revision(user=author).publish()


def sign_ins() -> list[tuple[str, str, str]]:
    """(where, username, password) for the terminal."""
    rows = [("mọi đơn vị (quản trị mạng lưới)", NETWORK_ADMIN, DEMO_PASSWORD)]
    rows += [(f"http://{d.domains[0]}:8000/admin/", d.editor, DEMO_PASSWORD) for d in DEMO_UNITS]
    return rows
