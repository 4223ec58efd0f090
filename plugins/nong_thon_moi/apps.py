from django.utils.translation import gettext_lazy as _

from portal.extensions.declared import DeclaredPluginConfig, HomeBlock, LedgerKind


class NongThonMoiConfig(DeclaredPluginConfig):
    """New rural development: criteria, commune progress, network overview."""

    name = "plugins.nong_thon_moi"
    label = "plugin_nong_thon_moi"
    verbose_name = _("Nông thôn mới")

    class PortalPluginMeta:
        name = _("Nông thôn mới")
        description_vi = (
            "Chương trình xây dựng nông thôn mới: 19 tiêu chí quốc gia, tiến độ của "
            "từng xã, trang tổng quan của huyện, tỉnh."
        )
        description_en = (
            "New rural development: the 19 national criteria, each commune's "
            "progress, an overview page for districts and the province."
        )
        version = "1.0.0"
        category = "campaign"
        levels = ("province", "district", "commune")
        compatibility = ">=0.1,<1"

    ledger_kinds = (
        LedgerKind(
            "RuralProgressPage", "ntm-progress", _("Nông thôn mới"), "entries.progress_entry"
        ),
    )
    home_blocks = (
        HomeBlock(
            "home_aside",
            "progress",
            "plugin_nong_thon_moi/home_block.html",
            "progress.home_context",
            order=50,
        ),
    )

    def on_enable(self, unit):
        """The first time: the commune's progress page (all 19 criteria, unmet) or, on a
        district or province, the overview page."""
        from portal.extensions.pages import publish_under_home

        from .criteria import CRITERIA
        from .models import CriterionStatus, RuralOverviewPage, RuralProgressPage

        if RuralProgressPage.objects.exists() or RuralOverviewPage.objects.exists():
            return
        if unit.level.code == "commune":
            page = RuralProgressPage(
                title="Nông thôn mới", slug="nong-thon-moi", show_in_menus=True
            )
            for number, _name in CRITERIA:
                page.criteria.add(CriterionStatus(number=number, met=False))
        else:
            page = RuralOverviewPage(
                title="Nông thôn mới", slug="nong-thon-moi", show_in_menus=True
            )
        publish_under_home(page)
