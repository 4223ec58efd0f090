"""Fill one unit's portal with sample content through the real page types.

Everything is published with revisions, so the ledger, the search index and
the audit log fill as they would for editors. Idempotent: each item has a
fixed slug (or number) and is skipped when it exists. Call inside the
unit's schema.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail.rich_text import RichText

from portal.tenancy.models import Unit
from portal.tenancy.page_addresses import ascii_slug
from portal.theme.models import Slogan, ThemeSettings

from . import demo_media, demo_scenes, demo_texts
from .models import (
    AlbumPage,
    AlbumPhoto,
    ArticlePage,
    ContactPage,
    DocumentAttachment,
    DocumentIndexPage,
    DocumentPage,
    EnglishIntroductionPage,
    IntroductionPage,
    Leader,
    SectionPage,
)

ALBUM_SLUG = "album-anh-mau"
# How much each level gets: (articles, documents).
AMOUNTS = {"province": (12, 8), "district": (9, 5), "commune": (6, 3)}
COMMITTEE = {
    "province": ("Tỉnh ủy", "TU"),
    "district": ("Huyện ủy", "HU"),
    "commune": ("Đảng ủy", "ĐU"),
}
AREA = {"province": "tỉnh", "district": "huyện", "commune": "xã"}
ENGLISH_LEVEL = {"province": "Province", "district": "District", "commune": "Commune"}


@dataclass(frozen=True)
class UnitWords:
    """How the sample texts name a unit."""

    unit: str
    short: str
    org: str
    area: str
    symbol: str
    english: str

    @classmethod
    def of(cls, unit: Unit) -> UnitWords:
        level = unit.level.code
        short = unit.name.split(" ", 1)[1] if " " in unit.name else unit.name
        committee, symbol = COMMITTEE.get(level, ("Đảng ủy", "ĐU"))
        return cls(
            unit=unit.name,
            short=short,
            org=f"{committee} {short}",
            area=AREA.get(level, "đơn vị"),
            symbol=symbol,
            english=f"{short} {ENGLISH_LEVEL.get(level, 'Unit')}",
        )

    def fill(self, text: str) -> str:
        return text.format(
            unit=self.unit, short=self.short, org=self.org, area=self.area, english=self.english
        )


def fill_unit(
    unit: Unit, author, *, articles: int | None = None, documents: int | None = None
) -> dict:
    """Sections, articles, documents, introduction, contacts and theme of `unit`; returns counts."""
    words = UnitWords.of(unit)
    default_articles, default_documents = AMOUNTS.get(unit.level.code, (6, 3))
    home = Site.objects.get(is_default_site=True).root_page.specific
    if not home.intro:
        home.intro = words.fill("<p>Cổng thông tin điện tử của {org} (nội dung mẫu).</p>")
        home.save_revision(user=author).publish(user=author)
    sections = _sections(home, words, author)
    made = {
        "articles": _articles(sections, words, author, articles or default_articles),
        "documents": _documents(home, words, author, documents or default_documents),
        "albums": _album(sections, words, author),
    }
    _introduction(home, words, author)
    _contact(home, words, author)
    _theme(home, words, unit.level.code)
    return made


def _publish(page, author) -> None:
    page.save_revision(user=author).publish(user=author)


def _sections(home, words: UnitWords, author) -> dict[str, SectionPage]:
    sections: dict[str, SectionPage] = {}
    for slug, title, parent_slug in demo_texts.SECTIONS:
        parent = sections[parent_slug] if parent_slug else home
        existing = SectionPage.objects.child_of(parent).filter(slug=slug).first()
        if existing is None:
            existing = parent.add_child(
                instance=SectionPage(
                    title=words.fill(title), slug=slug, show_in_menus=True, live=False
                )
            )
            _publish(existing, author)
        sections[slug] = existing
    return sections


def picture(title: str, kind: str, seed: str):
    """The image titled `title`, drawn once as a `kind` scene from `seed` (sites.demo_scenes)."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        name = f"{ascii_slug(seed)}-{kind.replace('_', '-')}.jpg"
        image = Image(
            title=title, file=ImageFile(io.BytesIO(demo_scenes.picture(kind, seed)), name=name)
        )
        image.save()
    return image


def _articles(sections, words: UnitWords, author, count: int) -> int:
    made = 0
    now = timezone.now()
    samples = demo_texts.ARTICLES
    for n in range(count):
        sample = samples[n % len(samples)]
        slug = f"tin-mau-{n + 1:02d}"
        parent = sections[sample.section]
        if ArticlePage.objects.filter(slug=slug).exists():
            continue
        title = words.fill(sample.title)
        image = picture(f"Ảnh: {title}"[:255], sample.scene, f"{words.unit} {n}")
        body = [("paragraph", RichText(f"<p>{words.fill(p)}</p>")) for p in sample.paragraphs]
        if sample.quote:
            body.insert(
                2,
                (
                    "quote",
                    {
                        "text": words.fill(sample.quote[0]),
                        "attribution": words.fill(sample.quote[1]),
                    },
                ),
            )
        article = ArticlePage(
            title=title,
            slug=slug,
            lead=words.fill(sample.lead),
            body=body,
            date=now - datetime.timedelta(days=n * 2, hours=n),
            featured_image=image,
            featured_image_caption=words.fill(demo_texts.SCENE_CAPTIONS[sample.scene]),
            author="Ban Biên tập",
            featured=sample.featured,
            owner=author,
            live=False,
        )
        parent.add_child(instance=article)
        article.tags.add(sections_tag(sample.section))
        _publish(article, author)
        made += 1
    return made


def _album(sections, words: UnitWords, author) -> int:
    """One photo album per unit, in "Tin trong {area}": a day of the unit's work in pictures."""
    if AlbumPage.objects.filter(slug=ALBUM_SLUG).exists():
        return 0
    photos = [
        AlbumPhoto(
            image=picture(f"Album {words.unit}: {caption}"[:255], kind, f"{words.unit} album {n}"),
            caption=words.fill(caption),
            source=f"Ảnh: Ban Biên tập {words.unit}",
        )
        for n, (kind, caption) in enumerate(demo_texts.ALBUM_PHOTOS)
    ]
    album = AlbumPage(
        title=words.fill(demo_texts.ALBUM_TITLE),
        slug=ALBUM_SLUG,
        lead=words.fill(demo_texts.ALBUM_LEAD),
        photographer="Ban Biên tập",
        date=timezone.now() - datetime.timedelta(hours=5),
        owner=author,
        live=False,
    )
    album.photos = photos
    sections["tin-dia-phuong"].add_child(instance=album)
    _publish(album, author)
    return 1


def sections_tag(section_slug: str) -> str:
    return {
        "hoat-dong-thuong-truc": "thường trực",
        "tin-dia-phuong": "địa phương",
        "kinh-te-xa-hoi": "kinh tế",
        "to-chuc-can-bo": "cán bộ",
        "kiem-tra-giam-sat": "kiểm tra",
        "dan-van": "dân vận",
    }.get(section_slug, "tin tức")


def _documents(home, words: UnitWords, author, count: int) -> int:
    registry = DocumentIndexPage.objects.child_of(home).first()
    if registry is None:
        return 0
    made = 0
    today = timezone.localdate()
    for n in range(count):
        sample = demo_texts.DOCUMENTS[n % len(demo_texts.DOCUMENTS)]
        number = f"{n + 1:02d}-{sample.symbol}/{words.symbol}"
        issued = today - datetime.timedelta(days=9 * n + 3)
        if DocumentPage.objects.filter(number__iexact=number, issued__year=issued.year).exists():
            continue
        signer = demo_texts.SIGNERS[n % len(demo_texts.SIGNERS)]
        page = DocumentPage(
            title=f"{_type_name(sample.doc_type)} số {number}: {sample.abstract}"[:255],
            slug=f"van-ban-mau-{n + 1:02d}",
            number=number,
            doc_type=sample.doc_type,
            issuer=words.org,
            signer=signer,
            issued=issued,
            effective=issued + datetime.timedelta(days=sample.effective_after_days)
            if sample.effective_after_days is not None
            else None,
            abstract=sample.abstract,
            field=sample.field,
            owner=author,
            live=False,
        )
        page.full_clean(exclude=["path", "depth", "slug"])
        registry.add_child(instance=page)
        page.attachments.add(DocumentAttachment(document=_attachment(page, words, sample)))
        _publish(page, author)
        made += 1
    return made


def _type_name(value: str) -> str:
    from .models.documents import DocumentType, written_label

    return written_label(DocumentType(value))


def _attachment(page: DocumentPage, words: UnitWords, sample):
    content, extension = demo_media.official_document(
        header_left=[
            "ĐẢNG BỘ " + words.area.upper() + " " + words.short.upper(),
            words.org.upper(),
        ],
        header_right=["ĐẢNG CỘNG SẢN VIỆT NAM"],
        number=page.number,
        heading=_type_name(page.doc_type).upper(),
        abstract=page.abstract,
        paragraphs=list(sample.body),
        place_date=(
            f"{words.short}, ngày {page.issued.day} tháng {page.issued.month}"
            f" năm {page.issued.year}"
        ),
        signer_title="T/M BAN THƯỜNG VỤ",
        signer=page.signer,
    )
    Document = get_document_model()
    document = Document(title=page.title[:255])
    filename = page.number.replace("/", "-").lower() + f".{extension}"
    document.file.save(filename, ContentFile(content), save=False)
    document.save()
    return document


def _introduction(home, words: UnitWords, author) -> None:
    intro = IntroductionPage.objects.child_of(home).first()
    if intro is None or intro.functions:
        return
    intro.functions = words.fill(demo_texts.FUNCTIONS)
    intro.organisation_text = words.fill(
        "<p>{org} gồm Ban Thường vụ, Ủy ban Kiểm tra, Văn phòng và các ban xây dựng Đảng.</p>"
    )
    Image = get_image_model()
    drawing = demo_media.org_chart(
        words.org, ["Ủy ban Kiểm tra", "Văn phòng", "Ban Tổ chức", "Ban Dân vận"]
    )
    chart = Image(
        title=f"Sơ đồ tổ chức {words.org}",
        file=ImageFile(io.BytesIO(drawing), name="so-do-to-chuc.png"),
    )
    chart.save()
    intro.organisation_chart = chart
    intro.leaders = [Leader(name=name, position=position) for name, position in demo_texts.LEADERS]
    _publish(intro, author)
    if not EnglishIntroductionPage.objects.exists():
        english = intro.add_child(
            instance=EnglishIntroductionPage(
                title="Introduction",
                slug="introduction",
                body=words.fill(demo_texts.ENGLISH_INTRODUCTION),
                live=False,
            )
        )
        _publish(english, author)


def _contact(home, words: UnitWords, author) -> None:
    contact = ContactPage.objects.child_of(home).first()
    if contact is None or contact.address:
        return
    contact.address = f"Trụ sở {words.org}, đường Trần Phú, {words.unit}"
    contact.phone = "0200 3800 000"
    contact.email = "vanphong@demo.vn"
    contact.office_hours = "Thứ Hai – Thứ Sáu, 7h30–17h00"
    _publish(contact, author)


def _theme(home, words: UnitWords, level: str) -> None:
    theme = ThemeSettings.for_site(home.get_site())
    if not theme.footer_text:
        theme.footer_text = "Trang mẫu của mạng lưới cổng thông tin thử nghiệm (nội dung minh họa)."
        theme.contact_address = f"Trụ sở {words.org}, đường Trần Phú, {words.unit}"
        theme.contact_phone = "0200 3800 000"
        theme.contact_email = "vanphong@demo.vn"
        theme.public_service_links = [
            ("link", {"title": "Cổng Dịch vụ công quốc gia", "url": "https://dichvucong.gov.vn/"}),
        ]
        theme.save()
    if not theme.governing_body:  # Decree 42/2022 footer fields and campaign banners
        theme.governing_body = words.org
        theme.responsible_person = f"Chánh Văn phòng {words.org}"
        if level == "province":  # the provincial portal holds a licence; smaller ones often not
            theme.licence_number = (
                "Số 15/GP-TTĐT ngày 12/3/2024 của Sở Văn hóa, Thể thao và Du lịch"
            )
        theme.campaign_banners = [
            ("banner", {"title": title, "url": url, "image": None})
            for title, url in demo_texts.CAMPAIGNS
        ]
        theme.save()
    if not Slogan.objects.exists():
        today = timezone.localdate()
        for n, text in enumerate(demo_texts.SLOGANS):
            Slogan.objects.create(
                text=text,
                start_date=today - datetime.timedelta(days=30),
                end_date=today + datetime.timedelta(days=365 + n),
            )
