from django.utils.translation import gettext_lazy as _

from portal.extensions.meta import PluginConfig


class VideoBriefsConfig(PluginConfig):
    """Monthly video news briefs: archive page, briefs, home block, network video page."""

    name = "plugins.video_briefs"
    label = "plugin_video_briefs"
    verbose_name = _("Điểm tin video")
    # The media library holds only briefs' videos: it shows where briefs are on.
    adopted_apps = ("wagtailmedia",)

    class PortalPluginMeta:
        name = _("Điểm tin video")
        description_vi = (
            "Bản tin video hằng tháng cùng đài phát thanh - truyền hình: video tải "
            "lên hoặc nhúng, ảnh bìa, phụ đề, lưu trữ theo tháng, khối trên trang chủ."
        )
        description_en = (
            "Monthly video news briefs with the local radio and TV station: uploaded "
            "or embedded video, poster, captions, monthly archive, home page block."
        )
        version = "1.0.0"
        category = "media"
        levels = ("province", "district")
        compatibility = ">=0.1,<1"

    def ready(self):
        super().ready()
        from portal.extensions import ledger, slots

        from .entries import brief_entry, latest_brief_context
        from .models import VideoBriefPage

        ledger.register_kind(VideoBriefPage, "video-brief", _("Điểm tin video"), brief_entry)
        slots.register_block(
            self.label,
            "home_aside",  # the sidebar: documents, then the latest video brief
            "latest-brief",
            "plugin_video_briefs/home_block.html",
            latest_brief_context,
            order=10,
        )

    def demo_content(self, unit, author) -> int:
        from .demo import fill

        return fill(unit, author)

    def on_enable(self, unit):
        """Give the unit its video page the first time; later activations reuse it."""
        from portal.extensions.pages import publish_under_home

        from .models import VideoArchivePage

        if not VideoArchivePage.objects.exists():
            publish_under_home(
                VideoArchivePage(title="Điểm tin video", slug="diem-tin-video", show_in_menus=True)
            )
