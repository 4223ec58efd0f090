"""Contributors edit only their own pages: their "change" on the root page is withdrawn.

With "add" alone, Wagtail lets a contributor edit, preview and see the history
of the pages they own and nothing else (see portal.accounts.page_rights for the
rules that complete it). Runs in every unit's schema and the template.
"""

from django.db import migrations

CONTRIBUTOR = "Cộng tác viên"


def withdraw_change(apps, schema_editor):
    apps.get_model("wagtailcore", "GroupPagePermission").objects.filter(
        group__name=CONTRIBUTOR, permission__codename="change_page"
    ).delete()


def restore_change(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Permission = apps.get_model("auth", "Permission")
    apps.get_model("wagtailcore", "GroupPagePermission").objects.get_or_create(
        group=Group.objects.get(name=CONTRIBUTOR),
        page=Page.objects.get(depth=1),
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="change_page"
        ),
    )


class Migration(migrations.Migration):
    dependencies = [("portal_membership", "0003_editorial_workflow")]
    operations = [migrations.RunPython(withdraw_change, restore_change)]
