"""The feedback queue in the unit's admin menu, for its editors and site administrators."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.accounts import access
from portal.accounts.menu import register_right_menu_item

from . import admin_views


@hooks.register("register_admin_urls")
def feedback_admin_urls():
    patterns = [
        path("", admin_views.queue, name="queue"),
        path("<int:pk>/", admin_views.answer, name="answer"),
    ]
    return [path("gop-y/", include((patterns, "portal_feedback_admin")))]


register_right_menu_item(
    "register_admin_menu_item",
    _("Góp ý"),
    "portal_feedback_admin:queue",
    right=access.MODERATE_FEEDBACK,
    icon_name="mail",
    order=250,
)
