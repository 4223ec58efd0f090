"""The page model as the code serving during the migration knows it: without the new column.

Migration 0002 adds `priority` and its index, as a release would; the web
processes keep running this code until the migration is done, so the column is
nullable (old code inserts rows without it). Django's migrate notes that this
module lags behind the migrations: that is the point.
"""

from wagtail.fields import RichTextField
from wagtail.models import Page

from portal.tenancy.page_addresses import PageAddressMixin
from sites.view_restrictions import CachedViewRestrictionsMixin


class NationalBenchPage(PageAddressMixin, CachedViewRestrictionsMixin, Page):
    """A plain page of the portal's kind (the bases every portal page model has)."""

    body = RichTextField(blank=True)

    template = "portal_sites/standard_page.html"
