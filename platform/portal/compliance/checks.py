"""Each item the rules ask of a portal, checked against the current unit's pages.

An item is present (complete and fresh), missing (absent or incomplete, with
what is lacking) or stale (complete but not updated within its period). The
page types are looked up by their app label, so this module reads the
portal's content without depending on its code.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

PRESENT, MISSING, STALE = "present", "missing", "stale"
FEEDBACK_WAIT_DAYS = 15


@dataclass
class Item:
    key: str
    label: str
    status: str
    fix_url: str | None = None
    updated: datetime.datetime | None = None
    problems: list[str] = field(default_factory=list)


def _model(name: str):
    return apps.get_model("portal_sites", name)


def _home():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page if site else None


def _add_url(page_model_name: str, parent) -> str | None:
    if parent is None:
        return None
    return reverse(
        "wagtailadmin_pages:add", args=("portal_sites", page_model_name.lower(), parent.pk)
    )


def _edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def _freshness(item: Item, updated, max_days: int, now) -> Item:
    item.updated = updated
    if item.status == PRESENT and updated and (now - updated) > datetime.timedelta(days=max_days):
        item.status = STALE
        item.problems.append(_("Chưa cập nhật trong %(days)s ngày.") % {"days": max_days})
    return item


def _single_page(key, label, model_name, required: dict, max_days, now, home) -> Item:
    page = _model(model_name).objects.live().order_by("-last_published_at").first()
    if page is None:
        return Item(key, label, MISSING, _add_url(model_name, home), problems=[_("Chưa có trang.")])
    lacking = [name for name, check in required.items() if not check(page)]
    item = Item(key, label, MISSING if lacking else PRESENT, _edit_url(page))
    item.problems = [_("Thiếu: %(what)s.") % {"what": ", ".join(lacking)}] if lacking else []
    return _freshness(item, page.last_published_at, max_days, now)


def introduction(now, home) -> Item:
    return _single_page(
        "introduction",
        _("Giới thiệu: tổ chức, chức năng, lãnh đạo"),
        "IntroductionPage",
        {
            _("chức năng, nhiệm vụ"): lambda p: bool(p.functions.strip()),
            _("sơ đồ tổ chức"): lambda p: bool(
                p.organisation_chart_id or p.organisation_text.strip()
            ),
            _("lãnh đạo"): lambda p: p.leaders.exists(),
        },
        365,
        now,
        home,
    )


def contacts(now, home) -> Item:
    return _single_page(
        "contacts",
        _("Thông tin liên hệ"),
        "ContactPage",
        {
            _("địa chỉ"): lambda p: bool(p.address.strip()),
            _("điện thoại hoặc thư điện tử"): lambda p: bool(p.phone.strip() or p.email),
        },
        365,
        now,
        home,
    )


def english(now, home) -> Item:
    return _single_page(
        "english",
        _("Giới thiệu bằng tiếng Anh"),
        "EnglishIntroductionPage",
        {_("nội dung"): lambda p: bool(p.body.strip())},
        365,
        now,
        home,
    )


def documents(now, home) -> Item:
    registry = _model("DocumentIndexPage").objects.live().first()
    label = _("Văn bản: đủ thông tin và tệp tải về")
    if registry is None:
        return Item(
            "documents",
            label,
            MISSING,
            _add_url("DocumentIndexPage", home),
            problems=[_("Chưa có trang văn bản.")],
        )
    live = _model("DocumentPage").objects.live().descendant_of(registry)
    newest = live.order_by("-last_published_at").first()
    if newest is None:
        return Item(
            "documents",
            label,
            MISSING,
            _add_url("DocumentPage", registry),
            problems=[_("Chưa có văn bản nào.")],
        )
    incomplete = [
        page
        for page in live.prefetch_related("attachments")
        if not (
            page.number and page.issued and page.issuer and page.doc_type and page.attachments.all()
        )
    ]
    item = Item("documents", label, PRESENT, reverse("wagtailadmin_explore", args=(registry.pk,)))
    if incomplete:
        item.status = MISSING
        item.fix_url = _edit_url(incomplete[0])
        item.problems.append(
            _("%(count)s văn bản thiếu số ký hiệu, ngày ban hành, cơ quan ban hành, loại hoặc tệp.")
            % {"count": len(incomplete)}
        )
    return _freshness(item, newest.last_published_at, 90, now)


def news(now, home) -> Item:
    newest = _model("ArticlePage").objects.live().order_by("-first_published_at").first()
    label = _("Tin tức")
    section = _model("SectionPage").objects.live().first()
    if newest is None:
        return Item(
            "news",
            label,
            MISSING,
            _add_url("ArticlePage", section),
            problems=[_("Chưa có tin bài nào.")],
        )
    item = Item("news", label, PRESENT, _add_url("ArticlePage", newest.get_parent()))
    return _freshness(item, newest.first_published_at, 14, now)


def feedback(now, home) -> Item:
    from portal.feedback.models import Feedback, FeedbackStatus

    item = Item(
        "feedback", _("Kênh góp ý, phản ánh"), PRESENT, reverse("portal_feedback_admin:queue")
    )
    waiting = Feedback.objects.filter(
        status=FeedbackStatus.NEW,
        submitted_at__lt=now - datetime.timedelta(days=FEEDBACK_WAIT_DAYS),
    ).count()
    if waiting:
        item.status = STALE
        item.problems.append(
            _("%(count)s góp ý chờ trả lời quá %(days)s ngày.")
            % {"count": waiting, "days": FEEDBACK_WAIT_DAYS}
        )
    answered = (
        Feedback.objects.filter(status=FeedbackStatus.ANSWERED).order_by("-answered_at").first()
    )
    item.updated = answered.answered_at if answered else None
    return item


SEARCH_URL_NAMES = ("portal_search:search", "search:search", "search")


def search(now, home) -> Item:
    label = _("Tìm kiếm")
    for name in SEARCH_URL_NAMES:
        try:
            return Item("search", label, PRESENT, reverse(name))
        except NoReverseMatch:
            continue
    return Item(
        "search", label, MISSING, None, problems=[_("Nền tảng chưa bật chức năng tìm kiếm.")]
    )


def public_services(now, home) -> Item:
    label = _("Liên kết dịch vụ công trực tuyến")
    ThemeSettings = apps.get_model("portal_theme", "ThemeSettings")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return Item("public_services", label, MISSING)
    fix = reverse("wagtailsettings:edit", args=("portal_theme", "themesettings", site.pk))
    theme = ThemeSettings.objects.filter(site=site).first()
    if theme is None or not len(theme.public_service_links):
        return Item("public_services", label, MISSING, fix, problems=[_("Chưa có liên kết nào.")])
    return Item("public_services", label, PRESENT, fix)


CHECKS = (introduction, contacts, documents, english, news, feedback, search, public_services)


def checklist(now: datetime.datetime | None = None) -> list[Item]:
    """Every item, for the unit whose schema is current."""
    now = now or timezone.now()
    home = _home()
    return [check(now, home) for check in CHECKS]
