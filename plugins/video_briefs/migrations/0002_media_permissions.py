"""Let the unit's roles upload and choose videos in the media library (wagtailmedia).

The roles were created by portal_membership.0002 before wagtailmedia was
installed, so its collection permissions are granted here, in the template
schema and hence in every unit cloned from it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Quản trị viên": ["add", "change", "delete"],
    "Biên tập viên": ["add", "change", "delete"],
    "Cộng tác viên": ["add"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("wagtailmedia")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    for role, actions in GRANTS.items():
        group = Group.objects.filter(name=role).first()
        if group is None:
            continue
        for action in actions:
            permission = Permission.objects.get(
                content_type__app_label="wagtailmedia", codename=f"{action}_media"
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


def revoke(apps, schema_editor):
    apps.get_model("wagtailcore", "GroupCollectionPermission").objects.filter(
        group__name__in=list(GRANTS), permission__content_type__app_label="wagtailmedia"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("plugin_video_briefs", "0001_initial"),
        ("wagtailmedia", "0005_alter_media_options"),
        ("portal_membership", "0002_roles"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
