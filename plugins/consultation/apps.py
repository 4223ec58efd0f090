from django.utils.translation import gettext_lazy as _

from portal.extensions.meta import PluginConfig


class ConsultationConfig(PluginConfig):
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

    def ready(self):
        super().ready()
        from portal.extensions import ledger, slots

        from .entries import consultation_entry, open_consultations_context
        from .models import ConsultationPage

        ledger.register_kind(
            ConsultationPage, "consultation", _("Lấy ý kiến dự thảo"), consultation_entry
        )
        slots.register_block(
            self.label,
            "home_main",
            "open-consultations",
            "plugin_consultation/home_block.html",
            open_consultations_context,
            order=5,
        )

    def demo_content(self, unit, author) -> int:
        from .demo import fill

        return fill(unit, author)

    def on_enable(self, unit):
        """Give the unit its consultations page the first time; later activations reuse it."""
        from portal.extensions.pages import publish_under_home

        from .models import ConsultationIndexPage

        if not ConsultationIndexPage.objects.exists():
            publish_under_home(
                ConsultationIndexPage(
                    title="Góp ý dự thảo", slug="gop-y-du-thao", show_in_menus=True
                )
            )
