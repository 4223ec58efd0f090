"""Audit-log actions of syndication, written to the acting unit's Wagtail log."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

ACTIONS = {
    "portal_syndication.propose": _("Đề xuất tin lên cấp trên"),
    "portal_syndication.accept": _("Tiếp nhận tin đề xuất"),
    "portal_syndication.decline": _("Từ chối tin đề xuất"),
    "portal_syndication.send_directive": _("Gửi chỉ đạo xuống cơ sở"),
    "portal_syndication.hide": _("Ẩn tin liên thông"),
    "portal_syndication.show": _("Hiện lại tin liên thông"),
    "portal_syndication.subscribe": _("Thêm nguồn tin ngoài"),
    "portal_syndication.edit_subscription": _("Sửa nguồn tin ngoài"),
    "portal_syndication.unsubscribe": _("Xóa nguồn tin ngoài"),
}


def record(instance, action: str, user, **data) -> None:
    log(instance=instance, action=action, user=user, data=data or None)


def register(actions) -> None:
    """Body of the register_log_actions hook."""
    for action, label in ACTIONS.items():
        actions.register_action(action, label, label)
