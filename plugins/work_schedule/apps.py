from django.utils.translation import gettext_lazy as _

from portal.extensions.declared import DeclaredPluginConfig, HomeBlock, TopPage


class WorkScheduleConfig(DeclaredPluginConfig):
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

    home_blocks = (
        HomeBlock(
            "home_aside",
            "today-tomorrow",
            "plugin_work_schedule/home_block.html",
            "home.home_context",
            order=5,
        ),
    )
    top_page = TopPage("WorkSchedulePage", "Lịch công tác", "lich-cong-tac")
