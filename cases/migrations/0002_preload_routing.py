"""Preload units, routing rules, the 2026 production calendar and the consent texts.

All of it is data that administrators edit in the Wagtail admin afterwards. Third-party
addresses are demo values ([U] in domain.md) and must be replaced before going live.
"""
import datetime

from django.db import migrations

UNITS = [
    # code, name_ru, name_en, kind, email, higher
    ("connection", "Отдел технологического присоединения", "Grid connection department", "internal",
     "connection@example.invalid", "appeals"),
    ("customer_service", "Служба по работе с клиентами", "Customer service", "internal",
     "clients@example.invalid", "appeals"),
    ("dispatch", "Круглосуточная диспетчерская служба", "24/7 dispatch centre", "internal",
     "dispatch@example.invalid", "appeals"),
    ("network_district", "Район электрических сетей (РЭС) и юридическая служба",
     "Network district and legal department", "internal", "res@example.invalid", "appeals"),
    ("metering", "Отдел учёта электроэнергии", "Metering department", "internal",
     "metering@example.invalid", "appeals"),
    ("service_centre", "Центр обслуживания клиентов", "Customer service centre", "internal",
     "coc@example.invalid", "appeals"),
    ("dpo", "Ответственный за обработку персональных данных", "Data protection officer", "internal",
     "dpo@example.invalid", "appeals"),
    ("appeals", "Комиссия по рассмотрению жалоб (вышестоящее подразделение)",
     "Complaints board (higher unit)", "internal", "appeals@example.invalid", None),
    ("supplier", "ООО «ТГК-2 Энергосбыт» (гарантирующий поставщик)",
     "TGC-2 Energosbyt (the guaranteeing supplier)", "third_party", "obrashcheniya@example.invalid", None),
    ("social_protection", "ГКУ АО «Архангельский областной центр социальной защиты населения»",
     "Arkhangelsk Regional Social Protection Centre", "third_party", "oszn@example.invalid", None),
]

RULES = [
    # type, unit, days, kind, transfer consent, reason ru, reason en, basis ru, basis en
    ("connection", "connection", 6, "working", False,
     "Заявку проверит отдел технологического присоединения. Если не хватает документов, мы сообщим "
     "об этом в течение 6 рабочих дней; сроки работ зависят от категории заявителя.",
     "The grid connection department checks the application. If documents are missing, we tell you "
     "within 6 working days; the time for the works depends on your category.",
     "Постановление Правительства РФ № 861 от 27.12.2004", "Government Decree No. 861 of 27.12.2004"),
    ("supply_quality", "customer_service", 30, "calendar", False,
     "Жалобу рассмотрит служба по работе с клиентами и ответит в течение 30 дней.",
     "Customer service reviews the complaint and answers within 30 days.",
     "Приказ Минэнерго России № 186 от 15.04.2014", "Minenergo order No. 186 of 15.04.2014"),
    ("outage", "dispatch", 1, "calendar", False,
     "Сообщение передано круглосуточной диспетчерской службе. Восстановление — не более 24 часов "
     "на одно отключение.",
     "Your report went to the 24/7 dispatch centre. Supply is restored within 24 hours per outage.",
     "Правила недискриминационного доступа (Постановление № 861)",
     "Non-discriminatory access rules (Decree No. 861)"),
    ("surge_damage", "network_district", 30, "calendar", False,
     "Заявление о возмещении ущерба рассмотрят район электрических сетей и юридическая служба.",
     "The network district and the legal department review the damage claim.",
     "Приказ Минэнерго № 186; Гражданский кодекс РФ", "Minenergo order No. 186; Civil Code"),
    ("meter", "metering", 30, "calendar", False,
     "Вопрос о приборе учёта в частном доме рассмотрит отдел учёта электроэнергии.",
     "The metering department deals with meters in private houses.",
     "Федеральный закон № 522-ФЗ", "Federal Law No. 522-FZ"),
    ("bill", "supplier", 7, "calendar", True,
     "Счета, показания и перерасчёты ведёт гарантирующий поставщик ООО «ТГК-2 Энергосбыт», а не "
     "сетевая компания. Мы перешлём ему обращение (с вашего согласия) в течение 7 дней.",
     "Bills, readings and recalculations are handled by the guaranteeing supplier TGC-2 "
     "Energosbyt, not by the grid company. We forward your request to it (with your consent) "
     "within 7 days.",
     "Постановление Правительства РФ № 442", "Government Decree No. 442"),
    ("subsidy", "social_protection", 10, "working", True,
     "Субсидии и компенсации назначают органы социальной защиты населения. Мы перешлём обращение "
     "(с вашего согласия) в центр социальной защиты; его решение — в течение 10 рабочих дней.",
     "Subsidies and compensation are granted by social protection. We forward your request (with "
     "your consent) to the social protection centre; it decides within 10 working days.",
     "Жилищный кодекс РФ, ст. 159", "Housing Code, art. 159"),
    ("tariff", "customer_service", 30, "calendar", False,
     "Мы ответим на вопрос о тарифе; тарифы устанавливает Агентство по тарифам и ценам "
     "Архангельской области.",
     "We answer your tariff question; tariffs are set by the Arkhangelsk Region Agency for Tariffs "
     "and Prices.",
     "Федеральный закон № 59-ФЗ (по аналогии)", "Federal Law No. 59-FZ (by analogy)"),
    ("appeal", "appeals", 30, "calendar", False,
     "Обжалование рассмотрит вышестоящее подразделение. Вы также вправе обратиться в УФАС, ГЖИ, "
     "Ростехнадзор или прокуратуру.",
     "A higher unit reviews the appeal. You may also turn to the competition authority (UFAS), the "
     "housing inspectorate, Rostekhnadzor or the prosecutor.",
     "Стандарт раскрытия информации, §3", "Service standard, section 3"),
    ("personal_data", "dpo", 10, "working", False,
     "Запрос о персональных данных рассмотрит ответственный за их обработку в течение 10 рабочих "
     "дней (срок может быть продлён на 5 рабочих дней с уведомлением).",
     "The data protection officer answers within 10 working days (extendable by 5 working days "
     "with notice).",
     "Федеральный закон № 152-ФЗ, ст. 14, 20", "Federal Law No. 152-FZ, art. 14 and 20"),
    ("home_visit", "service_centre", 5, "working", False,
     "Центр обслуживания клиентов свяжется с вами, чтобы согласовать дату выезда.",
     "The customer service centre will contact you to agree the date of the visit.",
     "Стандарт обслуживания, §6", "Service standard, section 6"),
    ("accessibility", "customer_service", 30, "calendar", False,
     "Сообщение о проблеме доступности рассмотрит служба по работе с клиентами.",
     "Customer service reviews the accessibility problem.",
     "Федеральный закон № 59-ФЗ (по аналогии)", "Federal Law No. 59-FZ (by analogy)"),
    ("other", "customer_service", 30, "calendar", False,
     "Обращение рассмотрит служба по работе с клиентами и ответит в течение 30 дней.",
     "Customer service reviews your request and answers within 30 days.",
     "Федеральный закон № 59-ФЗ (по аналогии)", "Federal Law No. 59-FZ (by analogy)"),
]

# Production calendar 2026: the Labour Code's holidays (art. 112), 8 March (Sunday) → 9 March and
# 9 May (Saturday) → 11 May by art. 112 part 2, and the Government decree of 24 September 2025 on
# moving days off in 2026: 3 January → 9 January, 4 January → 31 December. Checked on 2026-11-27
# against the published decree: 247 working days in the year (tests/cases/test_calendar.py).
HOLIDAYS_2026 = [
    ("2026-01-01", "Новогодние каникулы", "New Year holidays"),
    ("2026-01-02", "Новогодние каникулы", "New Year holidays"),
    ("2026-01-03", "Новогодние каникулы", "New Year holidays"),
    ("2026-01-04", "Новогодние каникулы", "New Year holidays"),
    ("2026-01-05", "Новогодние каникулы", "New Year holidays"),
    ("2026-01-06", "Новогодние каникулы", "New Year holidays"),
    ("2026-01-07", "Рождество Христово", "Orthodox Christmas"),
    ("2026-01-08", "Новогодние каникулы", "New Year holidays"),
    ("2026-01-09", "Перенос выходного с 3 января", "Day off moved from 3 January"),
    ("2026-02-23", "День защитника Отечества", "Defender of the Fatherland Day"),
    ("2026-03-08", "Международный женский день", "International Women's Day"),
    ("2026-03-09", "Перенос выходного с 8 марта", "Day off moved from 8 March"),
    ("2026-05-01", "Праздник Весны и Труда", "Spring and Labour Day"),
    ("2026-05-09", "День Победы", "Victory Day"),
    ("2026-05-11", "Перенос выходного с 9 мая", "Day off moved from 9 May"),
    ("2026-06-12", "День России", "Russia Day"),
    ("2026-11-04", "День народного единства", "Unity Day"),
    ("2026-12-31", "Перенос выходного с 4 января", "Day off moved from 4 January"),
]

PD_TEXT_RU = (
    "Я даю согласие АО «Архэнерго» (демонстрационные данные) на обработку моих персональных данных, "
    "указанных в этой форме (имя, контакты, адрес, номер лицевого счёта или заявки, текст обращения и "
    "вложения), для регистрации и рассмотрения обращения и ответа на него. Согласие действует до "
    "окончания срока хранения обращения и может быть отозвано письменным заявлением или через эту форму "
    "(тип «Запрос о персональных данных»).")
PD_TEXT_EN = (
    "I consent to Arkhenergo (demo data) processing the personal data I give in this form (name, "
    "contacts, address, account or application number, the message and attachments) to register and "
    "review my request and to answer it. The consent lasts until the end of the retention period of the "
    "request and may be withdrawn in writing or through this form (type “Personal-data request”).")
TRANSFER_TEXT_RU = (
    "Я даю согласие на передачу моего обращения и указанных в нём персональных данных организации, "
    "которая отвечает на такие вопросы (гарантирующему поставщику или органу социальной защиты), "
    "для рассмотрения по существу.")
TRANSFER_TEXT_EN = (
    "I consent to my request and the personal data in it being passed to the organisation that "
    "handles such questions (the guaranteeing supplier or social protection) so that it can deal "
    "with it.")


def preload(apps, schema_editor):
    Unit = apps.get_model("cases", "Unit")
    RoutingRule = apps.get_model("cases", "RoutingRule")
    CalendarDay = apps.get_model("cases", "CalendarDay")
    ConsentText = apps.get_model("cases", "ConsentText")

    units = {}
    for code, name_ru, name_en, kind, email, _higher in UNITS:
        units[code], _ = Unit.objects.get_or_create(
            code=code, defaults={"name": name_ru, "name_ru": name_ru, "name_en": name_en,
                                 "kind": kind, "email": email})
    for code, *_rest, higher in UNITS:
        if higher:
            Unit.objects.filter(code=code, higher_unit__isnull=True).update(higher_unit=units[higher])

    for (request_type, unit, days, kind, consent, reason_ru, reason_en, basis_ru, basis_en) in RULES:
        RoutingRule.objects.get_or_create(request_type=request_type, defaults={
            "unit": units[unit], "deadline_days": days, "deadline_kind": kind,
            "transfer_consent_required": consent, "reason": reason_ru, "reason_ru": reason_ru,
            "reason_en": reason_en, "basis": basis_ru, "basis_ru": basis_ru, "basis_en": basis_en,
            "retention_days": 365 if request_type == "outage" else 1095})

    for iso, name_ru, name_en in HOLIDAYS_2026:
        CalendarDay.objects.get_or_create(date=datetime.date.fromisoformat(iso), defaults={
            "kind": "holiday", "name": name_ru, "name_ru": name_ru, "name_en": name_en})

    for kind, text_ru, text_en in (("personal_data", PD_TEXT_RU, PD_TEXT_EN),
                                   ("transfer", TRANSFER_TEXT_RU, TRANSFER_TEXT_EN)):
        ConsentText.objects.get_or_create(kind=kind, version="2026-01", defaults={
            "text": text_ru, "text_ru": text_ru, "text_en": text_en,
            "valid_from": datetime.date(2025, 9, 1),
            "policy_url": "/ru/privacy/", "policy_url_ru": "/ru/privacy/", "policy_url_en": "/en/privacy/"})


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(preload, migrations.RunPython.noop)]
