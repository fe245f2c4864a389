"""The 2027 days off that the Labour Code alone fixes (art. 112), so that deadlines set from
late 2026 already skip them. The government's decree for 2027 (transfers of 2 and 3 January and
any working Saturdays) is entered by administrators when published; existing rows are kept."""
import datetime

from django.db import migrations

DAYS_2027 = [
    ("2027-01-01", "Новогодние каникулы", "New Year holidays"),
    ("2027-01-02", "Новогодние каникулы", "New Year holidays"),
    ("2027-01-03", "Новогодние каникулы", "New Year holidays"),
    ("2027-01-04", "Новогодние каникулы", "New Year holidays"),
    ("2027-01-05", "Новогодние каникулы", "New Year holidays"),
    ("2027-01-06", "Новогодние каникулы", "New Year holidays"),
    ("2027-01-07", "Рождество Христово", "Orthodox Christmas"),
    ("2027-01-08", "Новогодние каникулы", "New Year holidays"),
    ("2027-02-23", "День защитника Отечества", "Defender of the Fatherland Day"),
    ("2027-03-08", "Международный женский день", "International Women's Day"),
    ("2027-05-01", "Праздник Весны и Труда", "Spring and Labour Day"),
    ("2027-05-03", "Перенос выходного с 1 мая", "Day off moved from 1 May"),
    ("2027-05-09", "День Победы", "Victory Day"),
    ("2027-05-10", "Перенос выходного с 9 мая", "Day off moved from 9 May"),
    ("2027-06-12", "День России", "Russia Day"),
    ("2027-06-14", "Перенос выходного с 12 июня", "Day off moved from 12 June"),
    ("2027-11-04", "День народного единства", "Unity Day"),
]


def add_2027(apps, schema_editor):
    CalendarDay = apps.get_model("cases", "CalendarDay")
    for iso, name_ru, name_en in DAYS_2027:
        CalendarDay.objects.get_or_create(date=datetime.date.fromisoformat(iso), defaults={
            "kind": "holiday", "name": name_ru, "name_ru": name_ru, "name_en": name_en})


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_case_officers_register")]
    operations = [migrations.RunPython(add_2027, migrations.RunPython.noop)]
