"""The consultations' moderation queue in the unit's admin (only where the module is on)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.accounts import access
from portal.accounts.menu import RightMenuItem

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


@hooks.register("register_admin_menu_item")
def consultation_menu_item():
    return RightMenuItem(
        _("Góp ý dự thảo"),
        reverse("plugin_consultation_admin:index"),
        right=access.MODERATE_FEEDBACK,
        icon_name="doc-full",
        order=260,
    )
