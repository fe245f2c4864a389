"""Legal acts and responsible bodies (snippets) the demo pages refer to.

Acts marked ``demo=True`` have numbers and dates invented for the demonstration: the regional
orders for 2026 are not verified. Federal acts are real.
"""
import datetime

from demo.loader import T

D = datetime.date
AGENCY_RU = "Агентство по тарифам и ценам Архангельской области"
AGENCY_EN = "Arkhangelsk Region Agency for Tariffs and Prices"
GOV_RU = "Правительство Российской Федерации"
GOV_EN = "Government of the Russian Federation"
DUMA_RU = "Федеральное Собрание Российской Федерации"
DUMA_EN = "Federal Assembly of the Russian Federation"

LEGAL_ACTS = {
    "electricity_2026": dict(
        title=T("Об установлении цен (тарифов) на электрическую энергию для населения и приравненных "
                "к нему категорий потребителей Архангельской области на 2026 год",
                "On electricity prices (tariffs) for the population and equivalent consumers of the "
                "Arkhangelsk region for 2026"),
        number="80-э/1", date=D(2025, 12, 19), issuer=T(AGENCY_RU, AGENCY_EN), is_demo=True),
    "electricity_2027": dict(
        title=T("Об установлении цен (тарифов) на электрическую энергию для населения и приравненных "
                "к нему категорий потребителей Архангельской области на первое полугодие 2027 года",
                "On electricity prices (tariffs) for the population and equivalent consumers of the "
                "Arkhangelsk region for the first half of 2027"),
        number="92-э/1", date=D(2026, 11, 20), issuer=T(AGENCY_RU, AGENCY_EN), is_demo=True),
    "heat_kholmogory_2025": dict(
        title=T("Об установлении тарифов на тепловую энергию для населения, Холмогорский муниципальный округ",
                "On heat tariffs for the population, Kholmogory municipal district"),
        number="76-т/14", date=D(2024, 12, 17), issuer=T(AGENCY_RU, AGENCY_EN), is_demo=True),
    "heat_kholmogory_2026": dict(
        title=T("Об установлении тарифов на тепловую энергию для населения на 2026 год, Холмогорский "
                "муниципальный округ",
                "On heat tariffs for the population for 2026, Kholmogory municipal district"),
        number="85-т/12", date=D(2025, 12, 19), issuer=T(AGENCY_RU, AGENCY_EN), is_demo=True),
    "heat_kotlas_2026": dict(
        title=T("Об установлении тарифов на тепловую энергию для населения на 2026 год, городской округ "
                "«Котлас»", "On heat tariffs for the population for 2026, Kotlas urban district"),
        number="85-т/20", date=D(2025, 12, 19), issuer=T(AGENCY_RU, AGENCY_EN), is_demo=True),
    "connection_2025": dict(
        title=T("Об установлении стандартизированных тарифных ставок и льготных ставок платы за "
                "технологическое присоединение на 2025 год",
                "On standardized rates and preferential rates of the grid connection fee for 2025"),
        number="78-э/3", date=D(2024, 12, 20), issuer=T(AGENCY_RU, AGENCY_EN), is_demo=True),
    "connection_2026": dict(
        title=T("Об установлении стандартизированных тарифных ставок и льготных ставок платы за "
                "технологическое присоединение на 2026 год",
                "On standardized rates and preferential rates of the grid connection fee for 2026"),
        number="81-э/3", date=D(2025, 12, 19), issuer=T(AGENCY_RU, AGENCY_EN), is_demo=True),
    "decree_861": dict(
        title=T("Правила технологического присоединения энергопринимающих устройств потребителей "
                "электрической энергии к электрическим сетям",
                "Rules for connecting consumers' power receiving devices to electric grids"),
        number="861", date=D(2004, 12, 27), issuer=T(GOV_RU, GOV_EN)),
    "decree_1178": dict(
        title=T("О ценообразовании в области регулируемых цен (тарифов) в электроэнергетике",
                "On pricing of regulated prices (tariffs) in the electric power industry"),
        number="1178", date=D(2011, 12, 29), issuer=T(GOV_RU, GOV_EN)),
    "decree_442": dict(
        title=T("О функционировании розничных рынков электрической энергии",
                "On the functioning of retail electricity markets"),
        number="442", date=D(2012, 5, 4), issuer=T(GOV_RU, GOV_EN)),
    "decree_354": dict(
        title=T("О предоставлении коммунальных услуг собственникам и пользователям помещений",
                "On the provision of public utilities to owners and users of premises"),
        number="354", date=D(2011, 5, 6), issuer=T(GOV_RU, GOV_EN)),
    "decree_761": dict(
        title=T("О предоставлении субсидий на оплату жилого помещения и коммунальных услуг",
                "On subsidies for housing and utility payments"),
        number="761", date=D(2005, 12, 14), issuer=T(GOV_RU, GOV_EN)),
    "arkh_116pp": dict(
        title=T("О региональных стандартах и предельных доходах для предоставления субсидий на оплату "
                "жилого помещения и коммунальных услуг",
                "On regional standards and income ceilings for housing and utility subsidies"),
        number="116-пп", date=D(2023, 2, 9),
        issuer=T("Правительство Архангельской области", "Government of the Arkhangelsk region")),
    "fz_181": dict(
        title=T("О социальной защите инвалидов в Российской Федерации",
                "On the social protection of disabled people in the Russian Federation"),
        number="181-ФЗ", date=D(1995, 11, 24), issuer=T(DUMA_RU, DUMA_EN)),
    "fz_5": dict(
        title=T("О ветеранах", "On veterans"), number="5-ФЗ", date=D(1995, 1, 12), issuer=T(DUMA_RU, DUMA_EN)),
    "fz_522": dict(
        title=T("О внесении изменений в отдельные законодательные акты Российской Федерации в связи с "
                "развитием систем учёта электрической энергии (мощности)",
                "On amendments related to the development of electricity metering systems"),
        number="522-ФЗ", date=D(2018, 12, 27), issuer=T(DUMA_RU, DUMA_EN)),
    "order_186": dict(
        title=T("О Единых стандартах качества обслуживания сетевыми организациями потребителей услуг "
                "сетевых организаций",
                "On the uniform quality standards of customer service by grid companies"),
        number="186", date=D(2014, 4, 15),
        issuer=T("Министерство энергетики Российской Федерации", "Ministry of Energy of the Russian Federation")),
    "fz_59": dict(
        title=T("О порядке рассмотрения обращений граждан Российской Федерации",
                "On the procedure for handling citizens' appeals"),
        number="59-ФЗ", date=D(2006, 5, 2), issuer=T(DUMA_RU, DUMA_EN)),
    "fz_152": dict(
        title=T("О персональных данных", "On personal data"), number="152-ФЗ", date=D(2006, 7, 27),
        issuer=T(DUMA_RU, DUMA_EN)),
}

RESPONSIBLE_BODIES = {
    "social": dict(
        name=T("ГКУ АО «Архангельский областной центр социальной защиты населения»",
               "Arkhangelsk Regional Centre for Social Protection (state institution)"),
        short_name=T("Центр социальной защиты", "Social protection centre"),
        address=T("г. Архангельск, пр. Новгородский, д. 160 (демонстрационный адрес); отделения в каждом районе",
                  "160 Novgorodsky Ave, Arkhangelsk (demonstration address); offices in every district"),
        hours=T("Пн–Чт 9:00–17:00, Пт 9:00–16:00, перерыв 13:00–14:00",
                "Mon–Thu 9:00–17:00, Fri 9:00–16:00, lunch break 13:00–14:00"),
        phone="8 (8182) 00-01-01", email="info@social.example.ru", website="https://www.gosuslugi.ru/"),
    "mfc": dict(
        name=T("Многофункциональный центр предоставления государственных и муниципальных услуг "
               "Архангельской области (МФЦ)",
               "Multifunctional Centre for State and Municipal Services of the Arkhangelsk region (MFC)"),
        short_name=T("МФЦ", "MFC"),
        address=T("Отделения МФЦ во всех городах и районах области", "MFC offices in every town and district"),
        hours=T("Пн–Сб 9:00–20:00 (в районах часы могут отличаться)",
                "Mon–Sat 9:00–20:00 (hours may differ in the districts)"),
        phone="8 (8182) 00-02-02", email="mfc@example.ru", website="https://www.gosuslugi.ru/"),
    "supplier": dict(
        name=T("ООО «ТГК-2 Энергосбыт» — гарантирующий поставщик электроэнергии",
               "TGK-2 Energosbyt LLC, the guaranteeing electricity supplier"),
        short_name=T("ТГК-2 Энергосбыт", "TGK-2 Energosbyt"),
        address=T("г. Архангельск (адреса офисов уточняйте у поставщика)",
                  "Arkhangelsk (check office addresses with the supplier)"),
        hours=T("Пн–Пт 8:00–19:00, Сб 9:00–15:00", "Mon–Fri 8:00–19:00, Sat 9:00–15:00"),
        phone="8 (8182) 00-03-03", email="info@energosbyt.example.ru", website=""),
    "tariff_agency": dict(
        name=T(AGENCY_RU, AGENCY_EN), short_name=T("Агентство по тарифам", "Tariff agency"),
        address=T("г. Архангельск, пр. Троицкий (демонстрационный адрес)",
                  "Troitsky Ave, Arkhangelsk (demonstration address)"),
        hours=T("Пн–Пт 9:00–17:00", "Mon–Fri 9:00–17:00"),
        phone="8 (8182) 00-04-04", email="tarif@example.ru", website=""),
    "fas": dict(
        name=T("Управление Федеральной антимонопольной службы по Архангельской области",
               "Arkhangelsk Regional Office of the Federal Antimonopoly Service"),
        short_name=T("Архангельское УФАС России", "Arkhangelsk FAS office"),
        address=T("г. Архангельск (демонстрационный адрес)", "Arkhangelsk (demonstration address)"),
        hours=T("Пн–Чт 9:00–18:00, Пт 9:00–16:45", "Mon–Thu 9:00–18:00, Fri 9:00–16:45"),
        phone="8 (8182) 00-05-05", email="to29@example.ru", website="https://fas.gov.ru/"),
    "grid_metering": dict(
        name=T("«Архэнерго», служба учёта электроэнергии", "Arkhenergo metering department"),
        short_name=T("Служба учёта «Архэнерго»", "Arkhenergo metering"),
        address=T("г. Архангельск, ул. Свободы, д. 3, и центры обслуживания клиентов в районах",
                  "3 Svobody St, Arkhangelsk, and customer service centres in the districts"),
        hours=T("Пн–Пт 9:00–18:00", "Mon–Fri 9:00–18:00"),
        phone="8-800-220-0-220", email="uchet@example.ru", website=""),
}


def load(stdout=None):
    """Create or update the snippets; returns ``(acts, bodies)`` dicts by key."""
    from cms_pages.models import LegalAct, ResponsibleBody

    from demo.loader import expand

    acts = {}
    for key, data in LEGAL_ACTS.items():
        values = expand({"is_demo": False, **data})
        act = LegalAct.objects.filter(number=values["number"], date=values["date"]).first()
        if act is None:
            act = LegalAct(**values)
        else:
            for name, value in values.items():
                setattr(act, name, value)
        act.save()
        acts[key] = act
    bodies = {}
    for key, data in RESPONSIBLE_BODIES.items():
        values = expand(data)
        body = ResponsibleBody.objects.filter(name_ru=values["name_ru"]).first()
        if body is None:
            body = ResponsibleBody(**values)
        else:
            for name, value in values.items():
                setattr(body, name, value)
        body.save()
        bodies[key] = body
    return acts, bodies
