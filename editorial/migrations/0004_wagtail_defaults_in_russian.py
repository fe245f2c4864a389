"""Wagtail's first migrations leave two English names an editor sees in the admin: the "Welcome to your
new Wagtail site!" page (until a home page replaces it: ``load_demo`` deletes it) and the plain
"Moderators approval" task, retired by 0002 but still offered in the workflow reports' filters.
Name both in Russian (their English twins keep English names)."""
from django.db import migrations

WELCOME_EN = "Welcome to your new Wagtail site!"
WELCOME_RU = "Новый сайт: страница Wagtail по умолчанию (замените главной страницей)"
TASK_EN = "Moderators approval"
TASK_RU = "Утверждение модераторами (задача Wagtail по умолчанию, не используется)"


def rename(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Task = apps.get_model("wagtailcore", "Task")
    page_fields = {field.name for field in Page._meta.get_fields()}
    values = {"title": WELCOME_RU, "draft_title": WELCOME_RU}
    values.update({name: value for name, value in (("title_ru", WELCOME_RU), ("draft_title_ru", WELCOME_RU),
                                                   ("title_en", WELCOME_EN), ("draft_title_en", WELCOME_EN))
                   if name in page_fields})
    Page.objects.filter(depth=2, title=WELCOME_EN, content_type__app_label="wagtailcore",
                        content_type__model="page").update(**values)
    Task.objects.filter(name=TASK_EN).update(name=TASK_RU)


class Migration(migrations.Migration):
    dependencies = [("editorial", "0003_root_page_title_in_russian"), ("wagtailcore", "0002_initial_data")]
    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
