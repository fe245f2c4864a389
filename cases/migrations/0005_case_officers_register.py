"""Case officers register cases received by phone, at a visit or by letter: give the group
"add" on cases (the admin's "Зарегистрировать обращение" checks it)."""
from django.db import migrations

from editorial.roles import CASE_OFFICERS, grant_model_permissions


def grant(apps, schema_editor):
    grant_model_permissions(apps, CASE_OFFICERS, "cases", "case", ["add"])


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=CASE_OFFICERS).first()
    if group:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="cases",
                                                            codename="add_case"))


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_case_rating"),
        ("editorial", "0002_groups_and_workflow"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
