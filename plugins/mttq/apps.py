from django.utils.translation import gettext_lazy as _

from portal.extensions.declared import DeclaredPluginConfig, LedgerKind


class MttqConfig(DeclaredPluginConfig):
    """The Fatherland Front and mass organisations."""

    name = "plugins.mttq"
    label = "plugin_mttq"
    verbose_name = _("Mặt trận và đoàn thể")
    menu_section_slugs = ("dan-van", "dan-van-mat-tran", "mat-tran", "mat-tran-doan-the")

    class PortalPluginMeta:
        name = _("Mặt trận và đoàn thể")
        description_vi = (
            "Trang của Mặt trận Tổ quốc và các đoàn thể (Phụ nữ, Thanh niên, Nông "
            "dân, Cựu chiến binh, Công đoàn...): lãnh đạo, tin tức, văn bản, liên hệ; "
            "tin của từng tổ chức được tổng hợp từ các đơn vị trực thuộc."
        )
        description_en = (
            "Sections for the Fatherland Front and the mass organisations (women, "
            "youth, farmers, veterans, trade unions...): leadership, news, documents, "
            "contacts; each body's news gathered from the units below."
        )
        version = "1.0.0"
        category = "organisation"
        levels = ("province", "district", "commune", "agency")
        compatibility = ">=0.1,<1"

    ledger_kinds = (
        LedgerKind(
            "OrganisationNewsPage", "org-news", _("Tin Mặt trận, đoàn thể"), "entries.news_entry"
        ),
    )

    def on_enable(self, unit):
        """The first time: an index page with a section for each main body, published."""
        from django.utils import translation

        from portal.extensions.pages import publish_under_home

        from .bodies import BODIES, SLUGS
        from .models import OrganisationIndexPage, OrganisationPage

        if OrganisationIndexPage.objects.exists():
            return
        index = publish_under_home(
            OrganisationIndexPage(
                title="Mặt trận và đoàn thể", slug="mat-tran-doan-the", show_in_menus=True
            )
        )
        if index is None:
            return
        with translation.override("vi"):  # page titles are content, in Vietnamese
            titles = {code: str(label) for code, label in BODIES}
        for code, slug in SLUGS.items():
            body = OrganisationPage(title=titles[code], slug=slug, body=code, live=False)
            index.add_child(instance=body)
            body.save_revision().publish()
