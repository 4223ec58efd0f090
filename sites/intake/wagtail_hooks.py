"""The intake's admin pages and menu items."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.accounts import access
from portal.accounts.menu import RightMenuItem

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


@hooks.register("register_settings_menu_item")
def tokens_menu_item():
    return RightMenuItem(
        _("Kết nối hệ thống văn bản"),
        reverse("portal_intake:tokens"),
        right=access.ADMINISTER_UNIT,
        icon_name="link",
        order=620,
    )


@hooks.register("register_settings_menu_item")
def trust_roots_menu_item():
    return RightMenuItem(
        _("Chứng thư gốc tin cậy"),
        reverse("portal_intake:trust_roots"),
        right=access.ADMINISTER_NETWORK,
        icon_name="lock",
        order=621,
    )
