"""Page types every unit's portal offers."""

from .articles import ArticlePage, ArticleTag
from .documents import (
    Confidentiality,
    DocumentAttachment,
    DocumentIndexPage,
    DocumentPage,
    DocumentType,
)
from .galleries import AlbumPage, AlbumPhoto
from .home import HomePage
from .sections import SectionPage
from .standard import ContactPage, EnglishIntroductionPage, IntroductionPage, Leader, StandardPage

__all__ = [
    "AlbumPage",
    "AlbumPhoto",
    "ArticlePage",
    "ArticleTag",
    "Confidentiality",
    "ContactPage",
    "DocumentAttachment",
    "DocumentIndexPage",
    "DocumentPage",
    "DocumentType",
    "EnglishIntroductionPage",
    "HomePage",
    "IntroductionPage",
    "Leader",
    "SectionPage",
    "StandardPage",
]
