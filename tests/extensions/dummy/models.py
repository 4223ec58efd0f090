from django.db import models
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page

from portal.extensions.pages import PluginPage
from portal.publications.entries import page_entry


class DummyPage(PluginPage, Page):
    """A page type that exists only where the dummy plugin is active."""

    body = models.TextField(blank=True, help_text="Plain text, copied to the ledger.")
    parent_page_types = ["portal_sites.HomePage"]


class DummyNote(models.Model):
    """Rows the lifecycle callbacks and the signal receiver write, to prove they ran."""

    text = models.CharField(max_length=200, help_text="What happened.")

    def __str__(self):
        return self.text


@register_setting(icon="cog")
class DummySettings(BaseSiteSetting):
    """A settings panel of the plugin."""

    greeting = models.CharField(max_length=100, blank=True, help_text="Any text.")


def dummy_entry(page):
    return page_entry(page, body_text=page.body)


def latest_note_context(request, page):
    note = DummyNote.objects.order_by("-pk").first()
    return {"note": note} if note else None
