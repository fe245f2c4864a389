"""Content Moderators (and Editors) are not case officers: take away any permission on the cases
app their groups may hold (an installation may have given them some by hand). The rule that
used to let Moderators see every unit's cases is gone too (``cases.access``: only superusers
and Administrators see all); the case groups are "Case officers" and each unit's officers group."""
from django.db import migrations

CONTENT_GROUPS = ("Moderators", "Editors")


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    case_permissions = list(Permission.objects.filter(content_type__app_label="cases"))
    for group in Group.objects.filter(name__in=CONTENT_GROUPS):
        group.permissions.remove(*case_permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0007_case_received_on"),
        ("editorial", "0002_groups_and_workflow"),
    ]
    operations = [migrations.RunPython(revoke, migrations.RunPython.noop)]
