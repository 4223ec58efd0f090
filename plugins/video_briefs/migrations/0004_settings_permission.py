"""Let the unit's administrators change the video brief settings."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    app_config = apps.get_app_config("plugin_video_briefs")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group = apps.get_model("auth", "Group").objects.filter(name="Quản trị viên").first()
    if group is not None:
        group.permissions.add(apps.get_model("auth", "Permission").objects.get(
            content_type__app_label="plugin_video_briefs", codename="change_videobriefsettings"))


def revoke(apps, schema_editor):
    apps.get_model("auth", "Group").permissions.through.objects.filter(
        group__name="Quản trị viên",
        permission__content_type__app_label="plugin_video_briefs",
        permission__codename="change_videobriefsettings",
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("plugin_video_briefs", "0003_settings")]
    operations = [migrations.RunPython(grant, revoke)]
