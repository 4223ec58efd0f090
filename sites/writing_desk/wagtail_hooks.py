"""The desk in the admin: its URLs, the editor's script, menu items, the dashboard panel."""

from django.templatetags.static import static
from django.urls import include, path
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from portal.accounts import access
from portal.accounts.menu import register_right_menu_item

from . import admin_views, drafts
from .dashboard import ReturnedForChangesPanel


@hooks.register("register_admin_urls")
def writing_desk_admin_urls():
    patterns = [
        path("kiem-tra/<int:page_id>/", admin_views.check_page, name="check"),
        path(
            "kiem-tra/moi/<str:app_label>/<str:model_name>/<int:parent_id>/",
            admin_views.check_new_page,
            name="check_new",
        ),
        path("sua-dau-thanh/<int:page_id>/", admin_views.fix_tone_marks, name="fix"),
        path("bao-cao/<int:page_id>/", admin_views.latest_revision_report, name="report"),
        path("quy-dinh/", admin_views.rules, name="rules"),
        path("so-tay/", admin_views.handbook, name="handbook"),
    ]
    return [path("ban-viet/", include((patterns, "portal_writing_desk")))]


@hooks.register("insert_editor_js")
def writing_desk_script():
    # The script reads its messages from data attributes: no inline script (CSP).
    return format_html(
        '<script src="{}" defer data-desk-heading="{}" data-desk-waiting="{}" '
        'data-desk-failed="{}"></script>',
        static("portal_writing_desk/desk.js"),
        _("Kiểm tra trước khi gửi duyệt"),
        _("Đang kiểm tra…"),
        _("Chưa kiểm tra được: hãy thử lại sau ít phút."),
    )


@hooks.register("insert_global_admin_css")
def writing_desk_styles():
    return format_html('<link rel="stylesheet" href="{}">', static("portal_writing_desk/desk.css"))


register_right_menu_item(
    "register_admin_menu_item",
    gettext_lazy("Sổ tay cộng tác viên"),
    "portal_writing_desk:handbook",
    right=access.READ_HANDBOOK,
    icon_name="help",
    order=260,
)


register_right_menu_item(
    "register_settings_menu_item",
    gettext_lazy("Quy định bàn viết"),
    "portal_writing_desk:rules",
    right=access.MANAGE_WRITING_DESK,
    icon_name="edit",
    order=700,
)


@hooks.register("construct_homepage_panels")
def returned_for_changes_panel(request, panels):
    panels.insert(0, ReturnedForChangesPanel(request))


class RevisionReportButton(PageMenuItem):
    """The report on the latest saved revision, for whoever may edit the page (reviewers)."""

    label = gettext_lazy("Kiểm tra trước khi gửi duyệt")
    icon_name = "tasks"
    url_name = "portal_writing_desk:report"
    priority = 66

    def is_shown(self, user):
        checked = issubclass(self.page.specific_class or object, drafts.CHECKED_MODELS)
        return checked and access.may_edit_page(user, self.page)


@hooks.register("register_page_header_buttons")
def revision_report_header_button(page, user, view_name, next_url=None):
    yield RevisionReportButton(page=page)


@hooks.register("register_page_listing_more_buttons")
def revision_report_listing_button(page, user, next_url=None):
    yield RevisionReportButton(page=page)
