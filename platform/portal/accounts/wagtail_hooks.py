"""Two-factor sign-in pages in the admin, the enrolment entry in "Tài khoản", and the
unit's page permission policy (see page_rights)."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import AbstractPage
from wagtail.permissions import register_permission_policy

from .page_rights import UnitPagePermissionPolicy
from .two_factor import views as two_factor_views

register_permission_policy(AbstractPage, UnitPagePermissionPolicy())


@hooks.register("register_admin_urls")
def two_factor_admin_urls():
    return [
        path("xac-thuc-hai-buoc/", two_factor_views.verify, name="portal_two_factor_verify"),
        path("xac-thuc-hai-buoc/dang-ky/", two_factor_views.enrol, name="portal_two_factor_enrol"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("portal_two_factor_enrol"),
        "label": _("Xác thực hai bước"),
        "help_text": _("Bảo vệ tài khoản bằng mã từ ứng dụng trên điện thoại."),
    }


@hooks.register("before_bulk_action")
def refuse_bulk_actions_on_nothing_one_may_act_on(
    request, action_type, objects, action_class_instance
):
    """Wagtail skips the pages a person may not act on and answers as if done: when that
    leaves nothing (a contributor deleting or publishing their own draft), refuse instead."""
    if not objects:
        _, refused = action_class_instance.get_actionable_objects()
        if refused["items_with_no_access"]:
            raise PermissionDenied
    return None
