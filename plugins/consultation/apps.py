from django.utils.translation import gettext_lazy as _

from portal.extensions.declared import DeclaredPluginConfig, HomeBlock, LedgerKind, TopPage


class ConsultationConfig(DeclaredPluginConfig):
    """Consultations on drafts: pages, comments, moderation queue, exports, home banner."""

    name = "plugins.consultation"
    label = "plugin_consultation"
    verbose_name = _("Góp ý dự thảo")

    class PortalPluginMeta:
        name = _("Góp ý dự thảo")
        description_vi = (
            "Lấy ý kiến góp ý dự thảo văn kiện, văn bản: tệp dự thảo đọc ngay trên trang, "
            "góp ý theo chương, điều, kiểm duyệt và trả lời, xuất Excel và báo cáo tổng hợp "
            "Word; dự thảo của tỉnh gửi xuống huyện, xã và gom ý kiến về một nơi."
        )
        description_en = (
            "Public consultation on draft documents: drafts readable on the page, comments "
            "by chapter or article, moderation and answers, Excel export and a Word summary; "
            "the province's drafts pushed down to districts and communes, comments gathered."
        )
        version = "1.0.0"
        category = "service"
        levels = ("province", "district", "commune")
        compatibility = ">=0.1,<1"

    ledger_kinds = (
        LedgerKind(
            "ConsultationPage",
            "consultation",
            _("Lấy ý kiến dự thảo"),
            "entries.consultation_entry",
        ),
    )
    home_blocks = (
        HomeBlock(
            "home_main",
            "open-consultations",
            "plugin_consultation/home_block.html",
            "entries.open_consultations_context",
            order=5,
        ),
    )
    top_page = TopPage("ConsultationIndexPage", "Góp ý dự thảo", "gop-y-du-thao")
