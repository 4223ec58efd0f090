"""Translating one unit's object ids into the survivor's, inside copied content.

Field values, StreamField JSON (walked with its block definitions) and rich
text (`<embed embedtype="image" id=..>`, `<a linktype="document|page" id=..>`)
all go through one `IdMaps`: images, documents, media and pages by the maps
the copy fills; tags, locales and collections by name; accounts and other
public-schema rows unchanged (they are the same rows for every unit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context
from wagtail import blocks
from wagtail.models import Collection, Locale, Page

from .errors import MergeError

RICH_TEXT_TAG = re.compile(r"<(?:a|embed)\b[^>]*>")
TYPE_ATTR = re.compile(r'\b(?:linktype|embedtype)="([a-z_-]+)"')
ID_ATTR = re.compile(r'\bid="(\d+)"')
RICH_TEXT_KINDS = {"image": "image", "document": "document", "page": "page", "media": "media"}


def is_public_model(model) -> bool:
    """Rows of apps installed only in the public schema: the same for every unit."""
    app = model._meta.app_config.name
    tenant_apps = {name.split(".apps.")[0] for name in settings.TENANT_APPS}
    return app in settings.SHARED_APPS and app not in tenant_apps


@dataclass
class IdMaps:
    """Old id -> new id, per kind, for one merged unit into the survivor."""

    source_schema: str
    collection_id: int
    image: dict[int, int] = field(default_factory=dict)
    document: dict[int, int] = field(default_factory=dict)
    media: dict[int, int] = field(default_factory=dict)
    page: dict[int, int] = field(default_factory=dict)
    _by_name: dict[tuple[str, int], int] = field(default_factory=dict)

    def kind_of(self, model) -> str | None:
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model

        if issubclass(model, Page):
            return "page"
        if issubclass(model, get_image_model()):
            return "image"
        if issubclass(model, get_document_model()):
            return "document"
        if apps.is_installed("wagtailmedia"):
            from wagtailmedia.models import get_media_model

            if issubclass(model, get_media_model()):
                return "media"
        return None

    def new_id(self, model, old_id, *, nullable: bool, where: str):
        """The survivor's id for the row `old_id` of `model` (None if it has no counterpart)."""
        if old_id is None:
            return None
        kind = self.kind_of(model)
        if kind is not None:
            return getattr(self, kind).get(int(old_id))
        if is_public_model(model):
            return old_id
        if issubclass(model, Collection):
            return self.collection_id
        if model._meta.label == "taggit.Tag":
            return self._same_name(model, old_id, "name", extra=("slug",))
        if issubclass(model, Locale):
            return self._same_name(model, old_id, "language_code")
        if nullable:
            return None
        raise MergeError(
            _("Không chuyển được dữ liệu “%(field)s” (%(model)s) sang đơn vị mới.")
            % {"field": where, "model": model._meta.verbose_name}
        )

    def _same_name(self, model, old_id, key: str, extra: tuple[str, ...] = ()) -> int | None:
        cache_key = (model._meta.label, int(old_id))
        if cache_key not in self._by_name:
            with schema_context(self.source_schema):
                values = model.objects.filter(pk=old_id).values(key, *extra).first()
            if values is None:
                return None
            row = model.objects.filter(**{key: values[key]}).first() or model.objects.create(
                **values
            )
            self._by_name[cache_key] = row.pk
        return self._by_name[cache_key]

    # --- content ---------------------------------------------------------------

    def rich_text(self, html: str) -> str:
        if not html:
            return html

        def replace(match: re.Match) -> str:
            tag = match.group(0)
            kind, old = TYPE_ATTR.search(tag), ID_ATTR.search(tag)
            if not kind or not old or kind.group(1) not in RICH_TEXT_KINDS:
                return tag
            new = getattr(self, RICH_TEXT_KINDS[kind.group(1)]).get(int(old.group(1)))
            if new is None:
                return tag
            return ID_ATTR.sub(f'id="{new}"', tag, count=1)

        return RICH_TEXT_TAG.sub(replace, html)

    def block_value(self, block, raw):
        """`raw` (a block's JSON value) with every chooser id and rich text translated."""
        if raw is None:
            return raw
        if isinstance(block, blocks.StreamBlock):
            for item in raw:
                child = block.child_blocks.get(item.get("type"))
                if child is not None:
                    item["value"] = self.block_value(child, item.get("value"))
            return raw
        if isinstance(block, blocks.ListBlock):
            return [
                {**item, "value": self.block_value(block.child_block, item["value"])}
                if block._item_is_in_block_format(item)
                else self.block_value(block.child_block, item)
                for item in raw
            ]
        if isinstance(block, blocks.StructBlock):
            for name, child in block.child_blocks.items():
                if name in raw:
                    raw[name] = self.block_value(child, raw[name])
            return raw
        if isinstance(block, blocks.RichTextBlock):
            return self.rich_text(raw)
        if isinstance(block, blocks.ChooserBlock):
            return self.new_id(block.model_class, raw, nullable=True, where=block.name)
        return raw
