"""Moderators keep the «Контакты» setting: a change to the hotline goes live at once, without review."""
from django.db import migrations

from editorial.roles import MODERATORS, grant_model_permissions


def forwards(apps, schema_editor):
    grant_model_permissions(apps, MODERATORS, "cms_pages", "contactsettings", ["change"])


class Migration(migrations.Migration):
    dependencies = [
        ("cms_pages", "0006_worked_examples"),
        ("editorial", "0004_wagtail_defaults_in_russian"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
