"""Let the unit's roles manage the theme: administrators the look, editors the slogans.

The roles were created by portal_membership.0002 before these models existed,
so their permissions are granted here (in the template schema, hence in every
unit cloned from it).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Quản trị viên": [
        "change_themesettings",
        "add_slogan",
        "change_slogan",
        "delete_slogan",
    ],
    "Biên tập viên": ["add_slogan", "change_slogan", "delete_slogan"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after migrate; the grants need them now.
    app_config = apps.get_app_config("portal_theme")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in GRANTS.items():
        group = Group.objects.filter(name=role).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="portal_theme", codename__in=codenames
                )
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.permissions.through.objects.filter(
        group__name__in=list(GRANTS), permission__content_type__app_label="portal_theme"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal_theme", "0001_initial"),
        ("portal_membership", "0002_roles"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
