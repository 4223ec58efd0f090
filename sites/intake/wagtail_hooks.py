"""The intake's admin pages and menu items."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.accounts import access
from portal.accounts.menu import register_right_menu_item

from . import admin_views


@hooks.register("register_admin_urls")
def intake_admin_urls():
    patterns = [
        path("", admin_views.token_list, name="tokens"),
        path("<int:pk>/thu-hoi/", admin_views.token_revoke, name="token_revoke"),
        path("chung-thu-goc/", admin_views.trust_roots, name="trust_roots"),
        path("chung-thu-goc/<int:pk>/go/", admin_views.trust_root_remove, name="trust_root_remove"),
    ]
    return [path("ket-noi-van-ban/", include((patterns, "portal_intake")))]


register_right_menu_item(
    "register_settings_menu_item",
    _("Kết nối hệ thống văn bản"),
    "portal_intake:tokens",
    right=access.ADMINISTER_UNIT,
    icon_name="link",
    order=620,
)


register_right_menu_item(
    "register_settings_menu_item",
    _("Chứng thư gốc tin cậy"),
    "portal_intake:trust_roots",
    right=access.ADMINISTER_NETWORK,
    icon_name="lock",
    order=621,
)
