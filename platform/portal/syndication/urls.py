"""What every portal serves for syndication: its feeds and the items it shows from other units."""

from django.urls import path, re_path

from .feeds import feed_view
from .views.public import appearance_view

FORMAT = r"(?P<feed_format>rss|atom)"

urlpatterns = [
    re_path(rf"^feeds/{FORMAT}/$", feed_view, {"scope": "portal"}, name="syndication_feed"),
    re_path(
        rf"^feeds/mang-luoi/{FORMAT}/$",
        feed_view,
        {"scope": "network"},
        name="syndication_network_feed",
    ),
    re_path(
        rf"^feeds/chuyen-muc/(?P<value>[0-9]+)/{FORMAT}/$",
        feed_view,
        {"scope": "section"},
        name="syndication_section_feed",
    ),
    re_path(
        rf"^feeds/loai/(?P<value>[-a-z0-9_]+)/{FORMAT}/$",
        feed_view,
        {"scope": "kind"},
        name="syndication_kind_feed",
    ),
    path("lien-thong/<int:pk>/", appearance_view, name="syndication_appearance"),
]
