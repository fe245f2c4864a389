"""Demo data: places of the Arkhangelsk region, two network districts and outages around today.

Idempotent: places are matched by their codes and slugs; demo outages carry external ids
«DEMO-…» and are moved to the current dates on every run.
"""
import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from outages import status as st
from outages.models import NetworkDistrict, Outage, OutageLocation, Settlement, Street, SubscriptionConsentText

DISTRICTS = [
    # code, name ru, name en, phone (demo numbers)
    ("arkhangelsk", "Архангельский РЭС", "Arkhangelsk network district", "+7 (8182) 00-00-01"),
    ("kotlas", "Котласский РЭС", "Kotlas network district", "+7 (81837) 0-00-02"),
]
SETTLEMENTS = [
    # slug, ru, en, kind, municipal district ru, en, district code, streets (ru, en)
    ("arkhangelsk", "Архангельск", "Arkhangelsk", Settlement.CITY, "городской округ «Город Архангельск»",
     "Arkhangelsk urban district", "arkhangelsk",
     [("пр-т Троицкий", "Troitsky Ave"), ("пр-т Ломоносова", "Lomonosov Ave"), ("ул. Гайдара", "Gaidara St"),
      ("наб. Северной Двины", "Severnaya Dvina Embankment"), ("ул. Воскресенская", "Voskresenskaya St")]),
    ("severodvinsk", "Северодвинск", "Severodvinsk", Settlement.CITY, "городской округ «Северодвинск»",
     "Severodvinsk urban district", "arkhangelsk",
     [("ул. Ленина", "Lenina St"), ("пр-т Морской", "Morskoy Ave"), ("ул. Профсоюзная", "Profsoyuznaya St")]),
    ("novodvinsk", "Новодвинск", "Novodvinsk", Settlement.CITY, "городской округ «Город Новодвинск»",
     "Novodvinsk urban district", "arkhangelsk",
     [("ул. 50-летия Октября", "50-letiya Oktyabrya St"), ("ул. Советов", "Sovetov St")]),
    ("onega", "Онега", "Onega", Settlement.CITY, "Онежский муниципальный округ", "Onega municipal district",
     "arkhangelsk", [("пр-т Ленина", "Lenina Ave"), ("ул. Шаревского", "Sharevskogo St")]),
    ("kotlas", "Котлас", "Kotlas", Settlement.CITY, "городской округ «Котлас»", "Kotlas urban district", "kotlas",
     [("ул. Ленина", "Lenina St"), ("ул. Кузнецова", "Kuznetsova St"), ("пр-т Мира", "Mira Ave"),
      ("ул. Ёлкина", "Yolkina St")]),
    ("koryazhma", "Коряжма", "Koryazhma", Settlement.CITY, "городской округ «Город Коряжма»",
     "Koryazhma urban district", "kotlas", [("пр-т Ленина", "Lenina Ave")]),
    ("privodino", "Приводино", "Privodino", Settlement.TOWNSHIP, "Котласский муниципальный округ",
     "Kotlas municipal district", "kotlas", [("ул. Мира", "Mira St")]),
]


def _at(days, hour):
    today = timezone.localdate()
    naive = datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(hour))
    return timezone.make_aware(naive)


OUTAGES = [
    # id, kind, start (days, hour), end (days, hour), reason ru, reason en, district, [(settlement, street, houses)]
    ("DEMO-1", st.PLANNED, (1, 9), (1, 17), "Замена опор линии 0,4 кВ", "Replacing 0.4 kV line poles", "kotlas",
     [("kotlas", "ул. Ленина", "1-15 нечётные"), ("kotlas", "ул. Кузнецова", "")]),
    ("DEMO-2", st.PLANNED, (2, 10), (2, 16), "Ремонт трансформаторной подстанции", "Repairs at a transformer substation",
     "arkhangelsk", [("arkhangelsk", "пр-т Троицкий", "2-40 чётные")]),
    ("DEMO-3", st.PLANNED, (3, 9), (3, 13), "Обрезка деревьев у линии 10 кВ", "Tree trimming along a 10 kV line",
     "arkhangelsk", [("severodvinsk", "ул. Ленина", ""), ("severodvinsk", "пр-т Морской", "1-9")]),
    ("DEMO-4", st.PLANNED, (5, 8), (5, 18), "Подключение новой линии", "Connecting a new line", "kotlas",
     [("privodino", None, "")]),
    ("DEMO-5", st.PLANNED, (0, 0), (0, 23), "Плановый ремонт кабельной линии", "Planned cable line repairs",
     "arkhangelsk", [("onega", "пр-т Ленина", "")]),
]
EMERGENCY = ("DEMO-6", st.EMERGENCY, "Повреждение линии 10 кВ из-за падения дерева",
             "A 10 kV line damaged by a fallen tree", "arkhangelsk", [("novodvinsk", "ул. Советов", "")])


class Command(BaseCommand):
    help = "Load demo outages for the Arkhangelsk region (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        districts = {}
        for code, ru, en, phone in DISTRICTS:
            districts[code], _ = NetworkDistrict.objects.update_or_create(
                code=code, defaults={"name": ru, "name_ru": ru, "name_en": en, "phone": phone})
        settlements, streets = {}, {}
        for slug, ru, en, kind, md_ru, md_en, district, street_names in SETTLEMENTS:
            settlement, _ = Settlement.objects.update_or_create(slug=slug, defaults={
                "name": ru, "name_ru": ru, "name_en": en, "kind": kind, "municipal_district": md_ru,
                "municipal_district_ru": md_ru, "municipal_district_en": md_en,
                "network_district": districts[district]})
            settlements[slug] = settlement
            for street_ru, street_en in street_names:
                street = Street.objects.filter(settlement=settlement, name_ru=street_ru).first() or Street(settlement=settlement)
                street.name = street.name_ru = street_ru
                street.name_en = street_en
                street.save()
                streets[(slug, street_ru)] = street
        for ext_id, kind, start, end, reason_ru, reason_en, district, places in OUTAGES:
            self._outage(ext_id, kind, _at(*start), _at(*end), reason_ru, reason_en, districts[district], places,
                         settlements, streets)
        now = timezone.now()
        ext_id, kind, reason_ru, reason_en, district, places = EMERGENCY
        outage = self._outage(ext_id, kind, now - datetime.timedelta(hours=2), now + datetime.timedelta(hours=4),
                              reason_ru, reason_en, districts[district], places, settlements, streets)
        if outage.status == st.ANNOUNCED:
            outage.set_status(st.IN_PROGRESS, "Аварийная бригада выехала на место.", "The emergency crew is on site.")
        SubscriptionConsentText.objects.get_or_create(version="demo-1", defaults={
            "valid_from": datetime.date(2025, 9, 1),
            "text": CONSENT_RU, "text_ru": CONSENT_RU, "text_en": CONSENT_EN})
        self.stdout.write(f"demo outages: {Outage.objects.filter(external_id__startswith='DEMO-').count()}, "
                          f"settlements: {len(settlements)}, streets: {len(streets)}")

    def _outage(self, ext_id, kind, starts_at, ends_at, reason_ru, reason_en, district, places, settlements, streets):
        outage = Outage.objects.filter(external_id=ext_id).first() or Outage(external_id=ext_id)
        outage.kind, outage.starts_at, outage.ends_at = kind, starts_at, ends_at
        outage.reason = outage.reason_ru = reason_ru
        outage.reason_en = reason_en
        outage.network_district = district
        if outage.pk and outage.status != st.ANNOUNCED:
            # Reset a demo outage that was closed on an earlier day; demo data skips the timeline rules.
            Outage.objects.filter(pk=outage.pk).update(status=st.ANNOUNCED)
            outage.status = st.ANNOUNCED
        outage.save()
        OutageLocation.objects.filter(outage=outage).delete()
        for order, (slug, street_name, houses) in enumerate(places):
            OutageLocation.objects.create(outage=outage, settlement=settlements[slug], houses=houses, sort_order=order,
                                          street=streets[(slug, street_name)] if street_name else None)
        return outage


CONSENT_RU = (
    "Я даю согласие сетевой компании (оператору) на обработку адреса моей электронной почты, населённого пункта "
    "и улицы, которые я указал(а), чтобы присылать мне сообщения об отключениях электроэнергии. Данные хранятся "
    "в России, третьим лицам не передаются и удаляются сразу после отписки; неподтверждённая заявка удаляется через "
    "7 дней. Согласие можно отозвать в любой момент по ссылке «Отписаться» в каждом письме. "
    "(Демонстрационный текст.)")
CONSENT_EN = (
    "I consent to the grid company (the operator) processing my e-mail address and the settlement and street I gave, "
    "to send me notices of power outages. The data is stored in Russia, is not passed to anyone else and is deleted "
    "as soon as I unsubscribe; an unconfirmed request is deleted after 7 days. I may withdraw consent at any time "
    "with the «Unsubscribe» link in every e-mail. (Demo text.)")
