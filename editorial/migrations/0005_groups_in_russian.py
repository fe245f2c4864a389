"""The groups editors see in the admin get Russian names (issue 15: the admin in Russian).

Where only the English group exists (every installation so far) it is renamed, so its members,
permissions, workflow tasks and every reference stay as they are. On a fresh database Wagtail's
own migration has made "Editors" and "Moderators" and the earlier migrations of this project have
made the Russian ones too: the English group is then merged into the Russian one (permissions,
members, page and collection permissions, approval tasks, unit and page-owner references) and
deleted. The demo's per-unit groups "Case unit: <code>" are renamed after their unit.
"""
from django.db import migrations

RENAMES = {  # editorial.roles as of this migration
    "Editors": "Редакторы",
    "Moderators": "Модераторы",
    "Case officers": "Сотрудники по обращениям",
    "Administrators": "Администраторы",
}


def _merge(apps, old, new):
    new.permissions.add(*old.permissions.all())
    for user in old.user_set.all():
        user.groups.add(new)
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for row in GroupPagePermission.objects.filter(group=old):
        GroupPagePermission.objects.get_or_create(group=new, page_id=row.page_id, permission_id=row.permission_id)
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for row in GroupCollectionPermission.objects.filter(group=old):
        GroupCollectionPermission.objects.get_or_create(group=new, collection_id=row.collection_id,
                                                        permission_id=row.permission_id)
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    for task in GroupApprovalTask.objects.filter(groups=old):
        task.groups.add(new)
    apps.get_model("cases", "Unit").objects.filter(officers=old).update(officers=new)
    apps.get_model("governance", "PageGovernance").objects.filter(owner_group=old).update(owner_group=new)
    old.delete()


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for old_name, new_name in RENAMES.items():
        old = Group.objects.filter(name=old_name).first()
        if old is None:
            continue
        new = Group.objects.filter(name=new_name).first()
        if new is None:
            old.name = new_name
            old.save(update_fields=["name"])
        else:
            _merge(apps, old, new)
    Unit = apps.get_model("cases", "Unit")
    for unit in Unit.objects.filter(officers__name__startswith="Case unit: ").select_related("officers"):
        name = f"Сотрудники подразделения «{unit.name_ru or unit.name}»"[:150]
        if not Group.objects.filter(name=name).exists():
            unit.officers.name = name
            unit.officers.save(update_fields=["name"])


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for old_name, new_name in RENAMES.items():
        if not Group.objects.filter(name=old_name).exists():
            Group.objects.filter(name=new_name).update(name=old_name)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0004_wagtail_defaults_in_russian"),
        ("cases", "0012_appeal_decision_outbox_kinds"),
        ("disclosure", "0003_editor_permissions"),
        ("governance", "0002_backfill_pages"),
        ("connection_applications", "0003_officers_and_existing_cases"),
        ("visits", "0004_booking_anonymised_at"),
        ("cms_pages", "0007_contact_settings_moderators"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
