"""The network console in the Wagtail admin: the tree of units, provisioning, lifecycle."""

from django.contrib.admin import SimpleListFilter
from django.urls import re_path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from portal.accounts.access import is_network_admin

from . import console
from .models import Level, Unit
from .notes import notes_for


class LevelFilter(SimpleListFilter):
    title = _("cấp")
    parameter_name = "level"

    def lookups(self, request, model_admin):
        return [(level.code, level.name) for level in Level.objects.all()]

    def queryset(self, request, queryset):
        return queryset.filter(level__code=self.value()) if self.value() else queryset


class NetworkAdminPermissionHelper(PermissionHelper):
    """Only network administrators (superusers) see the console; units are never deleted."""

    def user_has_any_permissions(self, user):
        return is_network_admin(user)

    def user_can_list(self, user):
        return is_network_admin(user)

    def user_can_create(self, user):
        return is_network_admin(user)

    def user_can_inspect_obj(self, user, obj):
        return False

    def user_can_edit_obj(self, user, obj):
        return is_network_admin(user)

    def user_can_delete_obj(self, user, obj):
        return False


class UnitButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        action = "archive" if obj.is_active else "restore"
        label = _("Lưu trữ") if obj.is_active else _("Khôi phục")
        buttons.append(
            {
                "url": self.url_helper.get_action_url(action, obj.pk),
                "label": label,
                "classname": "button button-small button-secondary",
                "title": label,
            }
        )
        return buttons


class UnitAdmin(ModelAdmin):
    model = Unit
    menu_label = _("Mạng lưới")
    menu_icon = "site"
    menu_order = 50
    add_to_settings_menu = False
    list_display = ("tree_name", "code", "level", "status", "domain_links", "unit_notes")
    list_filter = (LevelFilter, "status")
    search_fields = ("name", "code", "domains__domain")
    ordering = ["path"]
    list_per_page = 200
    permission_helper_class = NetworkAdminPermissionHelper
    button_helper_class = UnitButtonHelper

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("level").prefetch_related("domains")

    def tree_name(self, unit):
        return format_html(
            '<span style="padding-left:{}rem">{}</span>', (unit.depth - 1) * 1.5, unit.name
        )

    tree_name.short_description = _("Đơn vị")

    def domain_links(self, unit):
        return ", ".join(d.domain for d in unit.domains.all())

    domain_links.short_description = _("Tên miền")

    def unit_notes(self, unit):
        notes = notes_for([unit]).get(unit.pk, {})
        return " ".join(str(note.get("text", "")) for note in notes.values())

    unit_notes.short_description = _("Ghi chú")

    def create_view(self, request):
        return console.create_unit(request, self)

    def edit_view(self, request, instance_pk):
        return console.edit_unit(request, self, instance_pk)

    def get_admin_urls_for_registration(self):
        urls = super().get_admin_urls_for_registration()
        for action in ("archive", "restore"):
            urls += (
                re_path(
                    self.url_helper.get_action_url_pattern(action),
                    lambda request, instance_pk, action=action: console.change_status(
                        request, self, instance_pk, action
                    ),
                    name=self.url_helper.get_action_url_name(action),
                ),
            )
        return urls


modeladmin_register(UnitAdmin)
