"""The items a grid company must disclose, from the domain notes (../shared/domain.md): Decree 24
(free capacity quarterly, control measurements every half-year, the stages of connection
applications, service passports) and the yearly service-quality report of order 186.
The days allowed for publishing are not fixed by the texts used: editors check and change them."""
from django.db import migrations

CHECK_RU = "Срок публикации после окончания периода задан для примера: сверьте его с текстом акта."
CHECK_EN = "The days allowed after the period are an example: check them against the act."

ITEMS = [
    dict(code="free-capacity", frequency="quarterly", due_days=30, sort_order=10,
         title_ru="Свободная для технологического присоединения мощность подстанций ниже 35 кВ по уровням напряжения",
         title_en="Transformer capacity free for connection at substations below 35 kV, by voltage level",
         legal_basis_ru="Стандарты раскрытия информации, постановление Правительства РФ от 21.01.2004 № 24, п. 19",
         legal_basis_en="Information disclosure standards, Government decree No. 24 of 21.01.2004, item 19",
         description_ru="Ежеквартально. " + CHECK_RU, description_en="Quarterly. " + CHECK_EN),
    dict(code="control-measurements", frequency="half_yearly", due_days=30, sort_order=20,
         title_ru="Результаты контрольных замеров",
         title_en="Results of control measurements",
         legal_basis_ru="Стандарты раскрытия информации, постановление Правительства РФ от 21.01.2004 № 24, п. 19",
         legal_basis_en="Information disclosure standards, Government decree No. 24 of 21.01.2004, item 19",
         description_ru="Раз в полгода. " + CHECK_RU, description_en="Every half-year. " + CHECK_EN),
    dict(code="connection-stages", frequency="on_change", due_days=10, sort_order=30,
         title_ru="Ход исполнения заявок на технологическое присоединение по этапам",
         title_en="Progress of connection applications, stage by stage",
         legal_basis_ru="Постановление Правительства РФ от 21.01.2004 № 24, п. 19 «л»",
         legal_basis_en="Government decree No. 24 of 21.01.2004, item 19 \"л\"",
         description_ru="При изменении сведений. Этапы: поступление заявки (дата и номер), направление договора и технических условий, заключение договора, выполнение технических условий, фактическое присоединение и подача напряжения, подписание актов. " + CHECK_RU,
         description_en="When the information changes. Stages: application received (date and number), contract and technical conditions sent, contract concluded, technical conditions being fulfilled, actual connection and voltage supplied, acts signed. " + CHECK_EN),
    dict(code="service-passports", frequency="on_change", due_days=10, sort_order=40,
         title_ru="Паспорта услуг (процессов) сетевой организации",
         title_en="Service passports of the grid company",
         legal_basis_ru="Постановление Правительства РФ от 21.01.2004 № 24; единые стандарты качества обслуживания, приказ Минэнерго России от 15.04.2014 № 186",
         legal_basis_en="Government decree No. 24 of 21.01.2004; unified service-quality standards, Minenergo order No. 186 of 15.04.2014",
         description_ru="При изменении паспорта услуги. " + CHECK_RU, description_en="When a service passport changes. " + CHECK_EN),
    dict(code="service-quality-report", frequency="yearly", due_days=90, sort_order=50,
         title_ru="Отчёт о качестве обслуживания потребителей за год (форма 4.1)",
         title_en="Yearly report on the quality of customer service (form 4.1)",
         legal_basis_ru="Единые стандарты качества обслуживания сетевыми организациями потребителей, приказ Минэнерго России от 15.04.2014 № 186, приложение 7",
         legal_basis_en="Unified service-quality standards for grid companies, Minenergo order No. 186 of 15.04.2014, appendix 7",
         description_ru="Ежегодно, со сравнением с предыдущим годом. " + CHECK_RU,
         description_en="Yearly, against the previous year. " + CHECK_EN),
]


def load(apps, schema_editor):
    Item = apps.get_model("disclosure", "DisclosureItem")
    for spec in ITEMS:
        values = dict(spec)
        code = values.pop("code")
        for name in ("title", "legal_basis", "description"):
            values[name] = values[f"{name}_ru"]
        Item.objects.update_or_create(code=code, defaults=values)


def unload(apps, schema_editor):
    apps.get_model("disclosure", "DisclosureItem").objects.filter(
        code__in=[spec["code"] for spec in ITEMS], publications__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0001_register")]
    operations = [migrations.RunPython(load, unload)]
