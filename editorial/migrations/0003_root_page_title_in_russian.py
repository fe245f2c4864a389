"""The tree root is created by Wagtail's first migration as "Root"; editors see its title in the explorer
and breadcrumbs. Name it in Russian (the English twin keeps an English name)."""
from django.db import migrations

TITLE_RU, TITLE_EN = "Корень дерева страниц", "Page tree root"


def rename(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    names = {field.name for field in Page._meta.get_fields()}
    values = {"title": TITLE_RU, "draft_title": TITLE_RU}
    values.update({name: value for name, value in (("title_ru", TITLE_RU), ("draft_title_ru", TITLE_RU),
                                                   ("title_en", TITLE_EN), ("draft_title_en", TITLE_EN))
                   if name in names})
    Page.objects.filter(depth=1, title="Root").update(**values)


class Migration(migrations.Migration):
    dependencies = [("editorial", "0002_groups_and_workflow"), ("wagtailcore", "0001_initial")]
    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
