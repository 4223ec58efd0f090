from django.utils.translation import gettext_lazy as _

from portal.extensions.declared import DeclaredPluginConfig, HomeBlock, LedgerKind, TopPage


class VideoBriefsConfig(DeclaredPluginConfig):
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

    ledger_kinds = (
        LedgerKind("VideoBriefPage", "video-brief", _("Điểm tin video"), "entries.brief_entry"),
    )
    home_blocks = (
        HomeBlock(
            "home_aside",  # the sidebar: documents, then the latest video brief
            "latest-brief",
            "plugin_video_briefs/home_block.html",
            "entries.latest_brief_context",
            order=10,
        ),
    )
    top_page = TopPage("VideoArchivePage", "Điểm tin video", "diem-tin-video")
