"""Customer service centres (ЦОК) in five towns; addresses and phones are demonstration data."""
import datetime
from decimal import Decimal

from cms_pages.models import ServiceCentrePage

from demo.content.common import T, page

t = datetime.time

SERVICES = T(
    "Приём заявок на технологическое присоединение\nКонсультации по тарифам и льготам\n"
    "Приём жалоб и обращений\nЗамена и поверка счётчиков в частных домах\n"
    "Платные услуги «под ключ»\nПередача вопросов по счетам в ООО «ТГК-2 Энергосбыт»",
    "Grid connection applications\nAdvice on tariffs and benefits\nComplaints and requests\n"
    "Meter replacement in private houses\nPaid turnkey services\n"
    "Forwarding billing questions to TGK-2 Energosbyt")


def weekdays(opens, closes, break_start=None, break_end=None, days=range(5)):
    return [{"weekday": d, "opens": opens, "closes": closes, "break_start": break_start, "break_end": break_end}
            for d in days]


CENTRES = [
    dict(key="arkhangelsk", town=T("Архангельск", "Arkhangelsk"),
         slug=T("arkhangelsk", "arkhangelsk"),
         address=T("г. Архангельск, ул. Свободы, д. 3", "3 Svobody St, Arkhangelsk"),
         lat="64.539304", lon="40.518735", phones="8 (8182) 00-10-10",
         email="cok.arkhangelsk@example.ru",
         stop=T("Остановка «Площадь Профсоюзов», автобусы 1, 2, 10", "Ploshchad Profsoyuzov stop, buses 1, 2, 10"),
         stop_m=120, ramp=True, wide=True, toilet=True, loop=True, parking=True, visits=True,
         hours=weekdays(t(8, 30), t(17, 30)) + [{"weekday": 5, "opens": t(10), "closes": t(14),
                                               "break_start": None, "break_end": None}]),
    dict(key="severodvinsk", town=T("Северодвинск", "Severodvinsk"), slug=T("severodvinsk", "severodvinsk"),
         address=T("г. Северодвинск, ул. Ломоносова, д. 66", "66 Lomonosova St, Severodvinsk"),
         lat="64.563500", lon="39.830200", phones="8 (8184) 00-20-20", email="cok.severodvinsk@example.ru",
         stop=T("Остановка «Ломоносова», автобусы 3, 12", "Lomonosova stop, buses 3, 12"), stop_m=80,
         ramp=True, wide=True, toilet=False, loop=False, parking=True, visits=True,
         hours=weekdays(t(9), t(18), t(13), t(14))),
    dict(key="kotlas", town=T("Котлас", "Kotlas"), slug=T("kotlas", "kotlas"),
         address=T("г. Котлас, ул. Ленина, д. 30", "30 Lenina St, Kotlas"),
         lat="61.252900", lon="46.633200", phones="8 (81837) 0-30-30", email="cok.kotlas@example.ru",
         stop=T("Остановка «Универмаг», автобусы 1, 4", "Univermag stop, buses 1, 4"), stop_m=200,
         ramp=True, wide=False, toilet=True, loop=False, parking=False, visits=True,
         hours=weekdays(t(8), t(17), t(12), t(13))),
    dict(key="novodvinsk", town=T("Новодвинск", "Novodvinsk"), slug=T("novodvinsk", "novodvinsk"),
         address=T("г. Новодвинск, ул. 50-летия Октября, д. 15", "15 50-letiya Oktyabrya St, Novodvinsk"),
         lat="64.416500", lon="40.820800", phones="8 (81852) 0-40-40", email="cok.novodvinsk@example.ru",
         stop=T("Остановка «Площадь Соборная», автобус 2", "Sobornaya Square stop, bus 2"), stop_m=350,
         ramp=True, wide=False, toilet=False, loop=False, parking=False, visits=True,
         hours=weekdays(t(9), t(17), t(13), t(14), days=range(4))),
    dict(key="onega", town=T("Онега", "Onega"), slug=T("onega", "onega"),
         address=T("г. Онега, пр. Гагарина, д. 20", "20 Gagarina Ave, Onega"),
         lat="63.916200", lon="38.083600", phones="8 (81839) 0-50-50", email="cok.onega@example.ru",
         stop=T("Остановка «Центр», автобус 1", "Tsentr stop, bus 1"), stop_m=450,
         ramp=False, wide=False, toilet=False, loop=False, parking=False, visits=True,
         hours=weekdays(t(9), t(16), t(12), t(13), days=(0, 2, 4))),
]


def _summary(c):
    ru, en = [], []
    if c["ramp"]:
        ru.append("есть пандус")
        en.append("step-free access by ramp")
    else:
        ru.append("входа без ступеней нет — закажите выезд специалиста на дом")
        en.append("no step-free entrance; book a home visit instead")
    return T(f"Центр обслуживания клиентов «Архэнерго» в городе {c['town'].ru}: {', '.join(ru)}.",
             f"Arkhenergo customer service centre in {c['town'].en}: {', '.join(en)}.")


def pages(ctx):
    specs = []
    for c in CENTRES:
        specs.append(page(
            f"centres/{c['key']}", ServiceCentrePage, "centres",
            T(f"ЦОК в городе {c['town'].ru}", f"Customer service centre, {c['town'].en}"),
            c["slug"], _summary(c),
            town=c["town"], address=c["address"], latitude=Decimal(c["lat"]), longitude=Decimal(c["lon"]),
            phones=c["phones"], email=c["email"], services=SERVICES, transit_stop=c["stop"],
            transit_stop_distance_m=c["stop_m"], has_ramp=c["ramp"], has_wide_corridors=c["wide"],
            has_accessible_toilet=c["toilet"], has_hearing_loop=c["loop"],
            has_disabled_parking=c["parking"], offers_home_visits=c["visits"],
            children={"opening_hours": c["hours"]}))
    return specs
