"""Editors and moderators keep the register (attach each period's document); administrators too."""
from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Editors": ["view", "add", "change"],
    "Moderators": ["view", "add", "change", "delete"],
    "Administrators": ["view", "add", "change", "delete"],
}
MODELS = ["disclosureitem", "disclosurepublication"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("disclosure")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, actions in GRANTS.items():
        group, _created = Group.objects.get_or_create(name=name)
        codenames = [f"{action}_{model}" for action in actions for model in MODELS]
        group.permissions.add(*Permission.objects.filter(content_type__app_label="disclosure", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0002_preload_items"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("editorial", "0002_groups_and_workflow"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
