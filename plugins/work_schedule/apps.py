from django.utils.translation import gettext_lazy as _

from portal.extensions.meta import PluginConfig


class WorkScheduleConfig(PluginConfig):
    """The leaders' work schedule: week page, print view, calendar feeds, home block."""

    name = "plugins.work_schedule"
    label = "plugin_work_schedule"
    verbose_name = _("Lịch công tác")

    class PortalPluginMeta:
        name = _("Lịch công tác")
        description_vi = (
            "Lịch công tác tuần của Thường trực do Văn phòng công bố: theo ngày, giờ, "
            "lãnh đạo, nội dung, địa điểm, thành phần, chuẩn bị; đánh dấu thay đổi, "
            "bản in, các tuần trước, lịch đồng bộ iCalendar, khối trên trang chủ."
        )
        description_en = (
            "The standing committee's week schedule published by the office: by day, "
            "time, leader, what, where, who attends, who prepares; changes marked, a "
            "print view, past weeks, iCalendar feeds, a home page block."
        )
        version = "1.0.0"
        category = "service"
        levels = ("province", "district", "commune")
        compatibility = ">=0.1,<1"

    def ready(self):
        super().ready()
        from portal.extensions import slots

        from .home import home_context

        slots.register_block(
            self.label,
            "home_aside",
            "today-tomorrow",
            "plugin_work_schedule/home_block.html",
            home_context,
            order=5,
        )

    def demo_content(self, unit, author) -> int:
        from .demo import fill

        return fill(unit, author)

    def on_enable(self, unit):
        """Give the unit its schedule page the first time; later activations reuse it."""
        from portal.extensions.pages import publish_under_home

        from .models import WorkSchedulePage

        if not WorkSchedulePage.objects.exists():
            publish_under_home(
                WorkSchedulePage(title="Lịch công tác", slug="lich-cong-tac", show_in_menus=True)
            )
