"""The default page tree of a new unit."""

from wagtail.models import Page, Site

from portal.syndication.blocks import default_home_body
from portal.theme.models import ThemeSettings

from .models import ContactPage, DocumentIndexPage, HomePage, IntroductionPage, SectionPage

DEFAULT_SECTIONS = [
    (SectionPage, "Tin tức - Sự kiện", "tin-tuc-su-kien"),
    (DocumentIndexPage, "Văn bản", "van-ban"),
    (IntroductionPage, "Giới thiệu", "gioi-thieu"),
    (ContactPage, "Liên hệ", "lien-he"),
]


def build_default_tree(sender, unit, hostname, **kwargs):
    """Receiver of unit_schema_ready: home page, the default sections, the Wagtail Site."""
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title=unit.name, slug="trang-chu", body=default_home_body(unit))
    )
    for page_class, title, slug in DEFAULT_SECTIONS:
        home.add_child(instance=page_class(title=title, slug=slug, show_in_menus=True))
    site = Site.objects.create(
        hostname=hostname, port=80, root_page=home, is_default_site=True, site_name=unit.name
    )
    ThemeSettings.for_site(site)  # created now, not by the first visitor's page view
    return home
