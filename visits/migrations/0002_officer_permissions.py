"""Case officers see the centres' day lists (view bookings); administrators get every
permission after each migrate (editorial.roles.grant_all_to_administrators)."""
from django.db import migrations

from editorial.roles import CASE_OFFICERS, grant_model_permissions


def forwards(apps, schema_editor):
    grant_model_permissions(apps, CASE_OFFICERS, "visits", "booking", ["view"])


class Migration(migrations.Migration):
    dependencies = [
        ("visits", "0001_initial"),
        ("editorial", "0002_groups_and_workflow"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
