"""Two-factor sign-in pages in the admin, and the enrolment entry in "Tài khoản"."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .two_factor import views as two_factor_views


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
