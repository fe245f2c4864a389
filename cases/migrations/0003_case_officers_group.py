"""Give the "Case officers" group the permissions on cases (the group may already exist)."""
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Case officers"
CODENAMES = ["view_case", "change_case", "view_caseevent", "add_casenote", "view_casenote",
             "add_casereply", "view_casereply", "view_caseattachment", "view_outgoingemail"]


def grant(apps, schema_editor):
    for label in ("cases",):  # wagtailadmin has no models in migration state; its 0001 made access_admin
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    perms = list(Permission.objects.filter(content_type__app_label="cases", codename__in=CODENAMES))
    perms += list(Permission.objects.filter(content_type__app_label="wagtailadmin",
                                            codename="access_admin"))
    group.permissions.add(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_preload_routing"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
