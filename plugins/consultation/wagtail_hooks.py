"""The consultations' moderation queue in the unit's admin (only where the module is on)."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.accounts import access
from portal.accounts.menu import register_right_menu_item

from . import admin_views


@hooks.register("register_admin_urls")
def consultation_admin_urls():
    patterns = [
        path("", admin_views.consultations, name="index"),
        path("<int:page_id>/", admin_views.queue, name="queue"),
        path("<int:page_id>/y-kien.xlsx", admin_views.export_xlsx, name="xlsx"),
        path("<int:page_id>/tong-hop.docx", admin_views.export_docx, name="docx"),
        path("y-kien/<int:pk>/", admin_views.moderate, name="moderate"),
    ]
    return [path("gop-y-du-thao/", include((patterns, "plugin_consultation_admin")))]


register_right_menu_item(
    "register_admin_menu_item",
    _("Góp ý dự thảo"),
    "plugin_consultation_admin:index",
    right=access.MODERATE_FEEDBACK,
    icon_name="doc-full",
    order=260,
)
