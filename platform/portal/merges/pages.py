"""Copying a merged unit's page tree into the survivor's schema.

Where pages go (see docs/operations.md, "Merging units"): each top-level page
of the merged unit's home is matched with the survivor's page of the same type
and slug. A matched section that can hold a section of its own type gets one
named after the merged unit, holding the old section's pages ("Tin tức - Sự
kiện › Xã A"); a matched listing of one page type that cannot nest (the
document registry) takes the old pages directly. The other top-level pages
(introduction, contacts, sections the survivor lacks) go into that per-unit
section when their type may live there, else under the survivor's home as
`<code>-<slug>`, out of its menus. Live pages stay live, drafts stay drafts; each
page's latest revision comes along, so pending changes are kept.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context
from modelcluster.models import get_all_child_relations
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Revision, Site

from .errors import MergeError
from .remap import IdMaps

# Where a page sits and what Wagtail derives or tracks per schema: set anew, never copied.
TREE_FIELDS = {
    "path",
    "depth",
    "numchild",
    "url_path",
    "content_type",
    "translation_key",
    "latest_revision",
    "live_revision",
    "alias_of",
    "locked",
    "locked_at",
    "locked_by",
}


@dataclass
class SourcePage:
    """One page of the merged unit, read in its schema, ready to be written elsewhere."""

    id: int
    model: type[Page]
    parent_id: int
    values: dict[str, object]
    children: dict[str, list[dict]]
    revision: dict | None
    live: bool
    relative_url: str


@dataclass
class PageCopy:
    """What the copy did: old page id -> (old relative URL, new relative URL) for live pages."""

    moved: list[tuple[str, str]] = field(default_factory=list)
    new_pages: list[int] = field(default_factory=list)


def home_of_current_schema() -> Page:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page
    return Page.get_first_root_node().get_first_child()


def _relative(url_path: str, home: Page) -> str:
    return "/" + url_path[len(home.url_path) :]


def _child_relations(model):
    """Inline rows that belong to a page (attachments, leaders, tags); not editors' comments."""
    return [
        rel
        for rel in get_all_child_relations(model)
        if rel.related_model._meta.app_label != "wagtailcore"
    ]


def _read(page: Page, home: Page) -> SourcePage:
    model = type(page)
    values = {}
    for f in model._meta.concrete_fields:
        if f.primary_key or f.name in TREE_FIELDS:
            continue
        value = f.value_from_object(page)
        if isinstance(f, StreamField):
            value = copy.deepcopy(list(value.get_prep_value()))
        values[f.name] = value
    children = {}
    for rel in _child_relations(model):
        rows = []
        for child in getattr(page, rel.get_accessor_name()).all():
            rows.append(
                {
                    f.name: f.value_from_object(child)
                    for f in rel.related_model._meta.concrete_fields
                    if not f.primary_key and f.name != rel.field.name
                }
            )
        children[rel.get_accessor_name()] = rows
    revision = None
    if page.latest_revision_id:
        latest = Revision.objects.get(pk=page.latest_revision_id)
        revision = {
            "content": copy.deepcopy(latest.content),
            "created_at": latest.created_at,
            "user_id": latest.user_id,
            "approved_go_live_at": latest.approved_go_live_at,
            "object_str": latest.object_str,
            "is_live": latest.pk == page.live_revision_id,
        }
    return SourcePage(
        id=page.pk,
        model=model,
        parent_id=page.get_parent().pk,
        values=values,
        children=children,
        revision=revision,
        live=page.live,
        relative_url=_relative(page.url_path, home),
    )


def _convert(f, value, maps: IdMaps):
    if value is None:
        return None
    if isinstance(f, StreamField):
        raw = json.loads(value) if isinstance(value, str) else value
        converted = maps.block_value(f.stream_block, raw)
        return json.dumps(converted) if isinstance(value, str) else converted
    if isinstance(f, RichTextField):
        return maps.rich_text(value)
    if f.is_relation and (f.many_to_one or f.one_to_one):
        return maps.new_id(f.related_model, value, nullable=f.null, where=str(f.verbose_name))
    return value


@dataclass
class Top:
    """A page directly under the merged unit's home, as placement needs it."""

    pk: int
    model: type[Page]
    slug: str
    child_models: list[type[Page]]
    holds_one_kind: bool  # a listing of one page type, like the document registry


@dataclass
class Placement:
    """Copy `source_id` and its subtree under `parent` (a survivor page id, or None: under
    the copy of `parent_source`), optionally renamed."""

    source_id: int
    parent: int | None = None
    parent_source: int | None = None
    title: str | None = None
    slug: str | None = None
    in_menus: bool | None = None  # None: as it was


class TreeCopier:
    """Copies one merged unit's pages into the survivor (connection switching between schemas)."""

    def __init__(self, unit, survivor, maps: IdMaps):
        self.unit, self.survivor, self.maps = unit, survivor, maps
        self.result = PageCopy()
        self.renamed: set[int] = (
            set()
        )  # source ids of the per-unit sections (titled after the unit)

    def run(self) -> PageCopy:
        with schema_context(self.unit.schema_name):
            source_home = home_of_current_schema()
            tops = [
                Top(
                    page.pk,
                    page.specific_class,
                    page.slug,
                    [child.specific_class for child in page.get_children()],
                    len(page.specific_class.allowed_subpage_models()) == 1,
                )
                for page in source_home.get_children()
            ]
            pages = {
                page.pk: _read(page, source_home)
                for page in source_home.get_descendants().specific().order_by("path")
            }
        with schema_context(self.survivor.schema_name):
            target_home = home_of_current_schema()
            self.maps.page[source_home.pk] = target_home.pk
            self.result.moved.append(("/", "/"))
            placements = self._placements(tops, pages, target_home)
            self._copy(placements, pages, target_home)
        return self.result

    def _placements(self, tops: list[Top], pages, target_home: Page) -> list[Placement]:
        counterparts = {
            (p.slug, p.specific_class): p for p in target_home.get_children().specific()
        }
        unit_slug = self.unit.code.lower()
        placements, leftovers = [], []
        unit_section: tuple[int, Page] | None = None  # (source id, the survivor page it goes under)
        for top in tops:
            match = counterparts.get((top.slug, top.model))
            if match is not None and top.model.can_exist_under(match):
                placements.append(
                    Placement(top.pk, parent=match.pk, title=self.unit.name, slug=unit_slug)
                )
                unit_section = unit_section or (top.pk, match)
            elif (
                match is not None
                and top.child_models
                and top.holds_one_kind
                and all(model.can_exist_under(match) for model in top.child_models)
            ):
                self.maps.page[top.pk] = match.pk
                self.result.moved.append(
                    (pages[top.pk].relative_url, _relative(match.url_path, target_home))
                )
                placements += [
                    Placement(page.id, parent=match.pk)
                    for page in pages.values()
                    if page.parent_id == top.pk
                ]
            else:
                leftovers.append(top)
        for top in leftovers:
            if unit_section is not None and top.model.can_exist_under(unit_section[1]):
                placements.append(Placement(top.pk, parent_source=unit_section[0]))
            else:
                placements.append(
                    Placement(
                        top.pk,
                        parent=target_home.pk,
                        slug=f"{unit_slug}-{top.slug}",
                        in_menus=False,
                    )
                )
        return placements

    def _copy(self, placements: list[Placement], pages: dict[int, SourcePage], home: Page) -> None:
        placed = {p.source_id: p for p in placements}
        queue = []
        for position, source in enumerate(pages.values()):  # tree (path) order
            root = self._placement_of(source, pages, placed)
            if root is not None:
                # Pages going under another copied page wait until that page exists.
                queue.append((root.parent_source is not None, position, source))
        copied: list[tuple[SourcePage, Page]] = []
        for *_order, source in sorted(queue, key=lambda item: item[:2]):
            placement = placed.get(source.id)
            if placement is None:
                parent_id = self.maps.page[source.parent_id]
            else:
                parent_id = placement.parent or self.maps.page[placement.parent_source]
            copied.append((source, self._write(source, parent_id, placement)))
        self._fix_page_references(copied)
        for source, page in copied:
            self._copy_revision(source, page)
            self.result.new_pages.append(page.pk)
            if source.live:
                self.result.moved.append((source.relative_url, _relative(page.url_path, home)))

    @staticmethod
    def _placement_of(source: SourcePage, pages, placed) -> Placement | None:
        """The placement `source` is copied by: its own or its nearest placed ancestor's."""
        page = source
        while page is not None:
            if page.id in placed:
                return placed[page.id]
            page = pages.get(page.parent_id)
        return None

    def _write(self, source: SourcePage, parent_id: int, placement: Placement | None) -> Page:
        model = source.model
        page = model()
        for f in model._meta.concrete_fields:
            if f.name in source.values:  # a copy: converting rewrites StreamField JSON in place
                setattr(
                    page, f.attname, _convert(f, copy.deepcopy(source.values[f.name]), self.maps)
                )
        page.content_type = ContentType.objects.get(
            app_label=model._meta.app_label, model=model._meta.model_name
        )
        if placement is not None and placement.title:
            page.title = page.draft_title = placement.title
            self.renamed.add(source.id)
        if placement is not None and placement.in_menus is not None:
            page.show_in_menus = placement.in_menus
        parent = Page.objects.get(pk=parent_id)
        page.slug = self._free_slug(
            parent, placement.slug if placement and placement.slug else page.slug
        )
        page.depth = parent.depth + 1
        last = parent.get_last_child()
        page.path = last._inc_path() if last else Page._get_path(parent.path, page.depth, 1)
        page.numchild = 0
        try:
            page.save(clean=False)
        except IntegrityError as error:
            raise MergeError(
                _("Không chép được trang “%(title)s” của %(unit)s: %(reason)s")
                % {
                    "title": page.title,
                    "unit": self.unit.name,
                    "reason": str(error).splitlines()[0],
                }
            ) from error
        Page.objects.filter(pk=parent.pk).update(numchild=models.F("numchild") + 1)
        self.maps.page[source.id] = page.pk
        for accessor, rows in source.children.items():
            rel = next(r for r in _child_relations(model) if r.get_accessor_name() == accessor)
            for row in rows:
                child = rel.related_model()
                for f in rel.related_model._meta.concrete_fields:
                    if f.name in row:
                        setattr(child, f.attname, _convert(f, row[f.name], self.maps))
                setattr(child, rel.field.attname, page.pk)
                child.save()
        return page

    @staticmethod
    def _free_slug(parent: Page, slug: str) -> str:
        taken = set(parent.get_children().values_list("slug", flat=True))
        candidate, number = slug, 1
        while candidate in taken:
            number += 1
            candidate = f"{slug}-{number}"
        return candidate

    def _fix_page_references(self, copied) -> None:
        """Links to pages copied after the linking page: convert again with the full map."""
        for source, page in copied:
            fields = [
                f
                for f in source.model._meta.concrete_fields
                if f.name in source.values
                and (
                    isinstance(f, StreamField | RichTextField)
                    or (f.is_relation and issubclass(f.related_model, Page))
                )
            ]
            for f in fields:
                setattr(
                    page, f.attname, _convert(f, copy.deepcopy(source.values[f.name]), self.maps)
                )
            if fields:
                page.save(clean=False, update_fields=[f.attname for f in fields])

    def _copy_revision(self, source: SourcePage, page: Page) -> None:
        """The page's latest revision, ids translated; it stays the page's draft or live state."""
        if source.revision is None:
            return
        content = source.revision["content"]
        model = source.model
        for f in model._meta.concrete_fields:
            if f.name not in content:
                continue
            if (
                f.primary_key
                or f.name in TREE_FIELDS
                or f.name == "slug"
                or (f.name in ("title", "draft_title") and source.id in self.renamed)
            ):
                value = f.value_from_object(page)
                content[f.name] = str(value) if f.name == "translation_key" else value
            else:
                content[f.name] = _convert(f, content[f.name], self.maps)
        content["pk"] = page.pk
        for rel in _child_relations(model):
            rows = content.get(rel.get_accessor_name())
            for row in rows or []:
                row["pk"] = None
                row[rel.field.name] = page.pk
                for f in rel.related_model._meta.concrete_fields:
                    if f.name in row and f.name != rel.field.name and not f.primary_key:
                        row[f.name] = _convert(f, row[f.name], self.maps)
        for name in ("comments", "wagtail_admin_comments"):
            content.pop(name, None)
        revision = Revision.objects.create(
            content_type=page.content_type,
            base_content_type=ContentType.objects.get(app_label="wagtailcore", model="page"),
            object_id=str(page.pk),
            created_at=source.revision["created_at"],
            user_id=source.revision["user_id"],
            approved_go_live_at=source.revision["approved_go_live_at"],
            object_str=source.revision["object_str"],
            content=content,
        )
        page.latest_revision = revision
        update = ["latest_revision"]
        if source.revision["is_live"]:
            page.live_revision = revision
            update.append("live_revision")
        page.save(clean=False, update_fields=update)
