"""The office's admin: "Lịch công tác" with the weeks, their items and the leaders."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.views.generic.models import DeleteView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from .forms import ScheduleItemForm
from .models import Leader, ScheduleItem, ScheduleWeek
from .office import ScheduleOfficePolicy

for model in (Leader, ScheduleWeek, ScheduleItem):
    register_permission_policy(model, ScheduleOfficePolicy(model))


class KeepPublishedDeleteView(DeleteView):
    """Refuses to delete what a published week showed (after the rights are checked):
    visitors and subscribed calendars would lose it without a word. Postponing an item
    ("Hoãn") records the change instead (changes.record)."""

    def refusal(self):
        if not self.object.was_published:
            return None
        if isinstance(self.object, ScheduleItem):
            message = gettext(
                "Không xóa được mục này: lịch tuần của nó đã công bố. Hãy đánh dấu “Hoãn” "
                "(kèm lý do) để người xem và lịch đồng bộ biết thay đổi."
            )
        else:
            message = gettext(
                "Không xóa được lịch tuần đã công bố. Hãy đánh dấu “Hoãn” cho từng mục "
                "không còn diễn ra."
            )
        messages.error(self.request, message)
        return redirect(reverse(self.edit_url_name, args=[self.object.pk]))

    def get(self, request, *args, **kwargs):
        return self.refusal() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refusal() or super().post(request, *args, **kwargs)


class ScheduleItemViewSet(ModelViewSet):
    model = ScheduleItem
    delete_view_class = KeepPublishedDeleteView
    icon = "date"
    menu_label = _("Mục lịch")
    list_display = ["date", "start", "title", "week", "postponed"]
    list_filter = ["week", "leaders"]
    search_fields = ["title", "location"]
    ordering = ["-date", "start"]
    edit_handler = ObjectList(
        [
            FieldRowPanel(
                [FieldPanel("date"), FieldPanel("start"), FieldPanel("end")], heading=_("Thời gian")
            ),  # fmt: skip
            FieldPanel("leaders", widget=forms.CheckboxSelectMultiple),
            FieldPanel("title"),
            FieldPanel("location"),
            FieldPanel("attendees"),
            FieldPanel("preparer"),
            MultiFieldPanel(
                [FieldPanel("postponed"), FieldPanel("postponed_reason")], heading=_("Hoãn")
            ),  # fmt: skip
        ],
        base_form_class=ScheduleItemForm,
    )


class ScheduleWeekViewSet(ModelViewSet):
    model = ScheduleWeek
    delete_view_class = KeepPublishedDeleteView
    icon = "calendar"
    menu_label = _("Lịch tuần")
    list_display = ["__str__", "published", "first_published_at"]
    form_fields = ["year", "number", "note", "published"]


class LeaderViewSet(ModelViewSet):
    model = Leader
    icon = "user"
    menu_label = _("Lãnh đạo")
    list_display = ["name", "title", "sort_order", "active"]
    form_fields = ["name", "title", "sort_order", "active"]


class WorkScheduleGroup(ViewSetGroup):
    menu_label = _("Lịch công tác")
    menu_icon = "date"
    menu_order = 260
    items = (
        ScheduleWeekViewSet("work_schedule_weeks"),
        ScheduleItemViewSet("work_schedule_items"),
        LeaderViewSet("work_schedule_leaders"),
    )


@hooks.register("register_admin_viewset")
def register_work_schedule():
    return WorkScheduleGroup()
