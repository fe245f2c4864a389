"""Subsidy pages: structured criteria (``SubsidyCriterion``) instead of a typed list (issue 13).

Each page gets the criteria the checker used to apply to it: the payment-share criterion from the
old «максимальная доля» field, the income-ceiling criterion when the page has ceiling rows, a
category criterion from the old category codes. The typed list is not lost: it becomes the page's
«пояснение к условиям» (a bulleted list, Russian and English), for editors to fold into the
criteria' notes. Every revision of a subsidy page is converted the same way, so drafts, history and
the editor open the new form.
"""
import json
from decimal import Decimal

import django.db.models.deletion
import modelcluster.fields
import wagtail.fields
from django.db import migrations, models
from django.utils.html import escape

import cms_pages.models.subsidy

OLD_FIELDS = ("criteria", "criteria_ru", "criteria_en", "eligible_categories", "max_payment_share_percent")
NOTE_HELP = ("Необязательно: показывается на странице под условием, например «Архангельская область» или какие "
             "документы это подтверждают. Само условие сайт пишет сам.")
NOTE_PAGE_HELP = ("Необязательно: что ещё важно знать об условиях. Сами условия задайте списком выше — по ним "
                  "страница пишет текст, а проверка права на льготу считает.")
CATEGORY_ORDER = ("disabled", "disabled_child", "veteran", "large_family", "low_income")


def stream_texts(value):
    """The texts of an old list of CharBlocks: a StreamValue, its raw list or its JSON string."""
    if value in (None, ""):
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [value]
    raw = getattr(value, "raw_data", value)
    texts = []
    for item in raw or []:
        text = item.get("value") if isinstance(item, dict) else item
        if text is not None and str(text).strip():
            texts.append(str(text).strip())
    return texts


def bullet_list(texts):
    return "<ul>" + "".join(f"<li>{escape(text)}</li>" for text in texts) + "</ul>" if texts else ""


def criteria_rows(share, categories, has_ceilings):
    """[{kind, percent, categories}] as the checker applied the page before the criteria existed."""
    rows = []
    if share not in (None, ""):
        rows.append({"kind": "payment_share", "percent": Decimal(str(share)), "categories": ""})
    if has_ceilings:
        rows.append({"kind": "income_ceiling", "percent": None, "categories": ""})
    codes = {c.strip() for c in (categories or "").split(",") if c.strip()}
    if codes:
        ordered = sorted(codes, key=lambda c: CATEGORY_ORDER.index(c) if c in CATEGORY_ORDER else len(CATEGORY_ORDER))
        rows.append({"kind": "category", "percent": None, "categories": ",".join(ordered)})
    return rows


def convert_content(content, page_id):
    """A revision's content (a dict) in the new shape; returns it changed in place."""
    ru = stream_texts(content.get("criteria_ru")) or stream_texts(content.get("criteria"))
    en = stream_texts(content.get("criteria_en"))
    rows = criteria_rows(content.get("max_payment_share_percent"), content.get("eligible_categories"),
                         bool(content.get("income_ceilings")))
    for name in OLD_FIELDS:
        content.pop(name, None)
    content["criteria"] = [
        {"pk": None, "page": page_id, "sort_order": index, "kind": row["kind"],
         "percent": None if row["percent"] is None else str(row["percent"]), "categories": row["categories"],
         "note": "", "note_ru": "", "note_en": ""}
        for index, row in enumerate(rows)]
    content["criteria_note"] = content["criteria_note_ru"] = bullet_list(ru)
    content["criteria_note_en"] = bullet_list(en)
    return content


def forwards(apps, schema_editor):
    SubsidyPage = apps.get_model("cms_pages", "SubsidyPage")
    SubsidyCriterion = apps.get_model("cms_pages", "SubsidyCriterion")
    IncomeCeiling = apps.get_model("cms_pages", "IncomeCeiling")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    for page in SubsidyPage.objects.all():
        rows = criteria_rows(page.max_payment_share_percent, page.eligible_categories,
                             IncomeCeiling.objects.filter(page_id=page.pk).exists())
        for index, row in enumerate(rows):
            SubsidyCriterion.objects.create(page_id=page.pk, sort_order=index, **row)
        ru = stream_texts(page.criteria_ru) or stream_texts(page.criteria)
        page.criteria_note = page.criteria_note_ru = bullet_list(ru)
        page.criteria_note_en = bullet_list(stream_texts(page.criteria_en))
        page.save(update_fields=["criteria_note", "criteria_note_ru", "criteria_note_en"])
    content_type = ContentType.objects.filter(app_label="cms_pages", model="subsidypage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type):
        content = revision.content if isinstance(revision.content, dict) else json.loads(revision.content)
        revision.content = convert_content(content, int(revision.object_id))
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):

    dependencies = [
        ("cms_pages", "0010_tariff_examples_and_tool_links"),
        ("wagtailcore", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="SubsidyCriterion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                ("kind", models.CharField(choices=[
                    ("payment_share", "Платежи за ЖКУ больше доли дохода семьи (укажите процент)"),
                    ("income_ceiling", "Доход семьи не выше предельного (по таблице предельного дохода этой страницы)"),
                    ("category", "Кто-то в семье относится к одной из категорий (отметьте категории)"),
                    ("residence", "Регистрация по месту жительства в регионе"),
                    ("dwelling", "Собственник, наниматель жилья или член жилищного кооператива"),
                    ("no_debts", "Нет долга за ЖКУ или выполняется соглашение о его погашении")],
                    max_length=20, verbose_name="условие")),
                ("percent", cms_pages.models.subsidy.PercentField(
                    blank=True, decimal_places=2, max_digits=5, null=True, verbose_name="доля дохода, %",
                    help_text="Только для условия о доле платежей в доходе: например, 22 — федеральный стандарт.")),
                ("categories", cms_pages.models.subsidy.CodeListField(
                    blank=True, max_length=200, verbose_name="категории",
                    help_text="Только для условия о категориях: достаточно одной из отмеченных. Для субсидии на "
                              "ЖКУ категория не условие (постановление № 761).")),
                ("note", models.TextField(blank=True, verbose_name="пояснение", help_text=NOTE_HELP)),
                ("note_ru", models.TextField(blank=True, null=True, verbose_name="пояснение", help_text=NOTE_HELP)),
                ("note_en", models.TextField(blank=True, null=True, verbose_name="пояснение", help_text=NOTE_HELP)),
                ("page", modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE,
                                                         related_name="criteria", to="cms_pages.subsidypage")),
            ],
            options={"verbose_name": "условие", "verbose_name_plural": "условия", "ordering": ["sort_order"],
                     "abstract": False},
        ),
        *[migrations.AddField(
            model_name="subsidypage", name=name,
            field=wagtail.fields.RichTextField(blank=True, verbose_name="пояснение к условиям", help_text=NOTE_PAGE_HELP,
                                               **({} if name == "criteria_note" else {"null": True})))
          for name in ("criteria_note", "criteria_note_ru", "criteria_note_en")],
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False),
        *[migrations.RemoveField(model_name="subsidypage", name=name) for name in OLD_FIELDS],
    ]
