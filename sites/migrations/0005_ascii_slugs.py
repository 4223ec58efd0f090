"""Pages whose slug has Vietnamese letters get the ASCII slug of `ascii_slug`.

Their old public addresses (and those of the pages below them) answer with a
permanent redirect to the page, through wagtail.contrib.redirects, whose
middleware matches both the raw and the percent-encoded form of a path.
The revisions carry the new slug too, so publishing a draft keeps it.
"""

from django.db import migrations
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from wagtail.contrib.redirects.models import Redirect as LiveRedirect

from portal.tenancy.page_addresses import ascii_slug


def public_paths(page, sites):
    """(site, path) of `page` under each site whose root is it or above it."""
    for site in sites:
        root = site.root_page
        if page.path.startswith(root.path):
            yield site, page.url_path[len(root.url_path) - 1 :]


STEP_LENGTH = 4  # of Wagtail's tree paths (treebeard's steplen)


def free_slug(Page, page, base):
    parent_path = page.path[:-STEP_LENGTH]
    siblings = Page.objects.filter(path__startswith=parent_path, depth=page.depth).exclude(
        pk=page.pk
    )
    taken = set(siblings.values_list("slug", flat=True))
    slug, suffix = base, 1
    while slug in taken:
        suffix += 1
        slug = f"{base}-{suffix}"
    return slug


def ascii_slugs(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Revision = apps.get_model("wagtailcore", "Revision")
    Redirect = apps.get_model("wagtailredirects", "Redirect")
    sites = list(Site.objects.select_related("root_page"))
    before = {page.pk: page.url_path for page in Page.objects.only("url_path")}
    old_paths = {page.pk: list(public_paths(page, sites)) for page in Page.objects.all()}
    for page in Page.objects.order_by("depth"):
        if page.slug.isascii():
            continue
        page.refresh_from_db()  # an ancestor's change rewrote its url_path
        old_slug, old_prefix = page.slug, page.url_path
        new_slug = free_slug(Page, page, ascii_slug(old_slug) or "trang")
        new_prefix = old_prefix[: -len(old_slug) - 1] + new_slug + "/"
        Page.objects.filter(pk=page.pk).update(slug=new_slug)
        Page.objects.filter(path__startswith=page.path).update(
            url_path=Concat(Value(new_prefix), Substr(F("url_path"), len(old_prefix) + 1))
        )
        for revision in Revision.objects.filter(object_id=str(page.pk)):
            if revision.content.get("slug") == old_slug:
                revision.content["slug"] = new_slug
                revision.save(update_fields=["content"])
    # Each moved page's addresses from before the migration lead to it.
    for page in Page.objects.only("url_path"):
        if before.get(page.pk, page.url_path) == page.url_path:
            continue
        for site, path in old_paths[page.pk]:
            Redirect.objects.update_or_create(
                site=site,
                old_path=LiveRedirect.normalise_path(path),
                defaults={"redirect_page_id": page.pk, "is_permanent": True, "redirect_link": ""},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("portal_sites", "0004_document_number_per_issuer"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(ascii_slugs, migrations.RunPython.noop)]
