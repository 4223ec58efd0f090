"""The levels of the hierarchy: both the two-level (since 2025) and three-level structures."""

from django.db import migrations

LEVELS = [
    # code, name, rank, may_be_root, allowed parents
    ("province", "Tỉnh, thành phố", 10, True, []),
    ("district", "Huyện, quận, thị xã", 20, False, ["province"]),
    ("commune", "Xã, phường, đặc khu", 30, False, ["province", "district"]),
    ("agency", "Cơ quan, tổ chức", 40, False, ["province", "district", "commune"]),
]


def create_levels(apps, schema_editor):
    Level = apps.get_model("portal_tenancy", "Level")
    created = {}
    for code, name, rank, may_be_root, _parents in LEVELS:
        created[code], _ = Level.objects.get_or_create(
            code=code, defaults={"name": name, "rank": rank, "may_be_root": may_be_root}
        )
    for code, *_rest, parents in LEVELS:
        created[code].allowed_parents.set([created[p] for p in parents])


def remove_levels(apps, schema_editor):
    apps.get_model("portal_tenancy", "Level").objects.filter(
        code__in=[code for code, *_ in LEVELS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("portal_tenancy", "0001_initial")]
    operations = [migrations.RunPython(create_levels, remove_levels)]
