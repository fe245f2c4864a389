"""Preload the stages of a grid-connection application (administrators edit them afterwards).

Sources, from /work/shared/domain.md ("Grid connection" and "Service channels, stages and
deadlines"); tags as there:

- The stages and their order: Government decree No. 24 of 21.01.2004 (standards of information
  disclosure), item 19 «л» [V]: received (date and number), contract and technical conditions
  sent, contract concluded, technical conditions being fulfilled, actual connection and voltage
  supplied, acts signed; the procedure itself is Government decree No. 861 of 27.12.2004, Rules
  of technological connection, item 7.
- The term of the works: Decree 861, Rules, item 16 «б» [V for the 30-working-day tier]:
  30 working days from the contract for a household up to 15 kW (or a business up to 150 kW) at
  0.4 kV or below within 15 m of the grid; the longer tiers (4 months … 2 years) are set in the
  contract, which the officer enters when the contract is concluded.
- The 10 working days for sending the contract and conditions (item 15) and for the applicant's
  signature are not in domain.md's verified facts: they are loaded unchecked ("checked" off, shown
  in the admin list) until compared with the official text.
"""
from django.db import migrations

# code, order, name ru, name en, description ru, description en, days, kind, counted from,
# responsible, basis ru, basis en, checked
STAGES = [
    ("received", 1, "Заявка получена и зарегистрирована", "Application received and registered",
     "Мы проверяем заявку и документы и готовим договор и технические условия.",
     "We check the application and documents and prepare the contract and technical conditions.",
     10, "working", None, "grid",
     "Постановление Правительства РФ № 861 от 27.12.2004, Правила технологического присоединения, п. 7 «а», п. 15; "
     "постановление № 24 от 21.01.2004, п. 19 «л»",
     "Government decree No. 861 of 27.12.2004, Rules of technological connection, items 7 «а» and 15; "
     "decree No. 24 of 21.01.2004, item 19 «л»", False),
    ("contract_sent", 2, "Договор и технические условия направлены заявителю",
     "Contract and technical conditions sent to the applicant",
     "Договор, счёт и технические условия ждут вашей подписи или оплаты.",
     "The contract, the bill and the technical conditions wait for your signature or payment.",
     10, "working", None, "applicant",
     "Постановление № 861, Правила технологического присоединения, п. 7 «б», п. 15",
     "Decree No. 861, Rules of technological connection, items 7 «б» and 15", False),
    ("contract_concluded", 3, "Договор заключён", "Contract concluded",
     "С этого дня идёт срок выполнения мероприятий по присоединению.",
     "The term of the connection works runs from this day.",
     30, "working", None, "grid",
     "Постановление № 861, Правила технологического присоединения, п. 16 «б» (30 рабочих дней — до 15 кВт, "
     "до 0,4 кВ, до 15 м до сетей; иной срок — по договору)",
     "Decree No. 861, Rules of technological connection, item 16 «б» (30 working days: up to 15 kW, "
     "0.4 kV or below, within 15 m of the grid; otherwise the term in the contract)", True),
    ("conditions_fulfilment", 4, "Выполняются технические условия", "Technical conditions being fulfilled",
     "Сетевая организация строит сеть до границы участка, вы выполняете свою часть технических условий.",
     "The grid company builds the grid up to your plot; you fulfil your part of the technical conditions.",
     30, "working", "contract_concluded", "both",
     "Постановление № 861, Правила технологического присоединения, п. 7 «в», п. 16 «б» (срок — со дня "
     "заключения договора)",
     "Decree No. 861, Rules of technological connection, items 7 «в» and 16 «б» (the term counts from "
     "the contract)", True),
    ("connected", 5, "Фактическое присоединение, напряжение подано", "Actually connected, voltage supplied",
     "Ваши устройства присоединены к сети, напряжение подано. Осталось оформить акты.",
     "Your installation is connected and the voltage is on. The acts remain to be signed.",
     30, "working", "contract_concluded", "grid",
     "Постановление № 861, Правила технологического присоединения, п. 7 «г», «д», п. 16 «б»",
     "Decree No. 861, Rules of technological connection, items 7 «г», «д» and 16 «б»", True),
    ("acts_signed", 6, "Акты подписаны", "Acts signed",
     "Присоединение завершено. Договор энергоснабжения заключается с гарантирующим поставщиком.",
     "The connection is complete. The supply contract is made with the guaranteeing supplier.",
     None, "working", None, "both",
     "Постановление № 861, Правила технологического присоединения, п. 7 «е», п. 19",
     "Decree No. 861, Rules of technological connection, items 7 «е» and 19", True),
]


def preload(apps, schema_editor):
    Stage = apps.get_model("connection_applications", "ConnectionStage")
    by_code = {}
    for (code, order, name_ru, name_en, desc_ru, desc_en, days, kind, counted_from, responsible,
         basis_ru, basis_en, checked) in STAGES:
        stage, _created = Stage.objects.get_or_create(code=code, defaults=dict(
            order=order, name=name_ru, name_ru=name_ru, name_en=name_en, description=desc_ru,
            description_ru=desc_ru, description_en=desc_en, deadline_days=days, deadline_kind=kind,
            responsible=responsible, basis=basis_ru, basis_ru=basis_ru, basis_en=basis_en, checked=checked,
            counted_from=by_code.get(counted_from)))
        by_code[code] = stage


def unload(apps, schema_editor):
    apps.get_model("connection_applications", "ConnectionStage").objects.filter(
        code__in=[row[0] for row in STAGES], applications__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("connection_applications", "0001_stages")]
    operations = [migrations.RunPython(preload, unload)]
