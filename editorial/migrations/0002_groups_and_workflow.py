"""Groups Editors, Moderators, Case officers, Administrators and the moderation workflow.

Idempotent (every step is get-or-create) and database-neutral (ORM only): SQLite and PostgreSQL.
"""
from django.db import migrations


def forwards(apps, schema_editor):
    from editorial import roles

    roles.ensure_groups(apps)
    roles.ensure_workflow(apps)
    roles.grant_all_to_administrators(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("editorial", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("cms_pages", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
