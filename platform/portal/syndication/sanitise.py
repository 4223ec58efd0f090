"""Cleaning text that comes from outside the network (external feeds) with nh3."""

from __future__ import annotations

import html
from urllib.parse import urlsplit

import nh3

SUMMARY_TAGS = {"p", "br", "b", "strong", "i", "em", "ul", "ol", "li", "a"}
SUMMARY_ATTRIBUTES = {"a": {"href", "title"}}
SAFE_SCHEMES = {"http", "https"}


def plain_text(markup: str, limit: int) -> str:
    """The text only (no tags, no scripts), whitespace collapsed, at most `limit` characters.

    Returned unescaped: templates escape it when they show it.
    """
    text = html.unescape(nh3.clean(markup or "", tags=set()))
    return " ".join(text.split())[:limit]


def summary_html(markup: str, limit: int = 2000) -> str:
    """A few harmless tags, links only to http(s) and marked nofollow; cut at `limit` input
    characters
    (nh3 closes whatever the cut left open)."""
    return nh3.clean(
        (markup or "")[:limit],
        tags=SUMMARY_TAGS,
        attributes=SUMMARY_ATTRIBUTES,
        url_schemes=SAFE_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def safe_link(url: str) -> str | None:
    """`url` if it is an absolute http(s) address, else None."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc:
        return None
    return url
