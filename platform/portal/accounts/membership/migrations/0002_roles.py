"""The three roles of a unit, with their admin, page and collection permissions.

Runs in every unit's schema; units cloned from the template inherit the rows.
Wagtail's default English groups are removed: the roles below replace them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PAGE_PERMISSIONS = {
    "Quản trị viên": ["add", "change", "publish", "bulk_delete", "lock", "unlock"],
    "Biên tập viên": ["add", "change", "publish", "lock", "unlock"],
    "Cộng tác viên": ["add", "change"],
}
COLLECTION_PERMISSIONS = {
    "Quản trị viên": ["add", "change", "delete", "choose"],
    "Biên tập viên": ["add", "change", "delete", "choose"],
    "Cộng tác viên": ["add", "choose"],
}
MODEL_PERMISSIONS = {
    "Quản trị viên": [
        ("wagtailadmin", "admin", "access_admin"),
        ("portal_accounts", "user", "add_user"),
        ("portal_accounts", "user", "change_user"),
        ("wagtailredirects", "redirect", "add_redirect"),
        ("wagtailredirects", "redirect", "change_redirect"),
        ("wagtailredirects", "redirect", "delete_redirect"),
    ],
    "Biên tập viên": [("wagtailadmin", "admin", "access_admin")],
    "Cộng tác viên": [("wagtailadmin", "admin", "access_admin")],
}


def _permission(apps, app_label, model, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    Group.objects.filter(name__in=["Moderators", "Editors"]).delete()
    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)

    for role, page_actions in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for app_label, model, codename in MODEL_PERMISSIONS[role]:
            group.permissions.add(_permission(apps, app_label, model, codename))
        for action in page_actions:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root_page,
                permission=_permission(apps, "wagtailcore", "page", f"{action}_page"),
            )
        for action in COLLECTION_PERMISSIONS[role]:
            for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=_permission(apps, app_label, model, f"{action}_{model}"),
                )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(PAGE_PERMISSIONS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal_membership", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
