"""Demo-like content for measuring search when the demo app's content is not loaded (and for tests).

Realistic pages of every type in both languages; figures are demo values, as in the demo app.
"""
import datetime
import json
from decimal import Decimal

from wagtail.models import Page, Site

from cms_pages import models as m

TODAY = datetime.date.today()
HALF_START = datetime.date(TODAY.year, 1 if TODAY.month <= 6 else 7, 1)


def _rt(*paragraphs):
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _body(*paragraphs):
    return json.dumps([{"type": "paragraph", "value": _rt(p)} for p in paragraphs], ensure_ascii=False)


def _steps(steps):
    return json.dumps([{"type": "step", "value": {"title": t, "what_to_do": _rt(d), "documents": docs,
                                                    "responsible": "", "deadline": "", "cost": "", "connector": ""}}
                       for t, d, docs in steps], ensure_ascii=False)


def _add(parent, model, slug, slug_en, title, title_en, summary="", summary_en="", **fields):
    page = model(title=title, title_en=title_en, slug=slug, slug_en=slug_en, summary=summary,
                 summary_en=summary_en, **fields)
    parent.add_child(instance=page)
    return page


def _question(parent, slug, slug_en, title, title_en, answer, answer_en, phrasings="", phrasings_en="",
              full="", full_en=""):
    return _add(parent, m.QuestionPage, slug, slug_en, title, title_en, summary=answer, summary_en=answer_en,
                short_answer=answer, short_answer_en=answer_en, full_answer=_rt(full) if full else "",
                full_answer_en=_rt(full_en) if full_en else "", alternative_phrasings=phrasings,
                alternative_phrasings_en=phrasings_en)


def build(home=None):
    """Create the sample tree under the default site's home page (or a new one); returns pages by slug."""
    if home is None:
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            root = Page.get_first_root_node()
            home = m.HomePage(title="Единое окно", title_en="Single Window", slug="home")
            root.add_child(instance=home)
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                                site_name="Единое окно")
        else:
            home = site.root_page
    pages = {}

    def keep(page):
        pages[page.slug] = page
        return page

    conn = keep(_add(home, m.SectionPage, "podklyuchenie", "connection", "Подключение к электросетям",
                     "Connecting to the grid",
                     "Технологическое присоединение домов и предприятий: порядок, сроки, стоимость.",
                     "Grid connection for homes and businesses: steps, deadlines, cost."))
    keep(_add(conn, m.ProcedurePage, "kak-podklyuchit-dom", "how-to-connect-a-house",
              "Как подключить дом к электросетям", "How to connect a house to the grid",
              "Пошаговая инструкция для заявителей до 15 кВт: заявка, договор, выполнение условий, подключение.",
              "Step by step for applicants up to 15 kW: application, contract, conditions, connection.",
              total_time="30 рабочих дней, если до сетей не больше 15 м", total_time_en="30 working days within 15 m",
              steps=_steps([
                  ("Подайте заявку на технологическое присоединение", "Заявку можно подать в личном кабинете или в центре обслуживания клиентов.",
                   ["паспорт", "документ о праве на земельный участок", "план расположения энергопринимающих устройств"]),
                  ("Оплатите счёт и подпишите договор", "Договор и счёт приходят в личный кабинет.", []),
                  ("Выполните технические условия на своём участке", "Установите вводное устройство и сообщите о готовности.", []),
                  ("Получите акт об осуществлении присоединения", "Сетевая организация подключает дом и устанавливает прибор учёта.", []),
              ]),
              steps_en=_steps([
                  ("Apply for grid connection", "Apply online or at a customer service centre.",
                   ["passport", "land ownership document", "site plan"]),
                  ("Pay the invoice and sign the contract", "The contract and invoice arrive in your account.", []),
                  ("Meet the technical conditions on your plot", "Install the input device and tell us it is ready.", []),
                  ("Receive the connection certificate", "We connect the house and install a meter.", []),
              ])))
    fee = keep(_add(conn, m.ConnectionFeePage, "plata-za-prisoedinenie", "connection-fee",
                    "Плата за технологическое присоединение", "Grid connection fee",
                    "Для домов до 15 кВт плата считается по льготной ставке за киловатт или по стандартизированным ставкам — берётся меньшая сумма.",
                    "For homes up to 15 kW the fee is the lower of the preferential rate per kilowatt and the standardized rates.",
                    explanation=_rt("С 1 июля 2022 года льготная плата 550 рублей отменена."),
                    explanation_en=_rt("The 550 roubles flat fee was abolished on 1 July 2022.")))
    m.PreferentialRate.objects.create(page=fee, kind="preferential", rub_per_kw=Decimal("5000"),
                                      conditions="Демонстрационное значение", effective_from=HALF_START)
    m.PreferentialRate.objects.create(page=fee, kind="social", rub_per_kw=Decimal("1064"),
                                      conditions="Малоимущие семьи, люди с инвалидностью, ветераны",
                                      effective_from=HALF_START)
    keep(_question(conn, "skolko-stoit-podklyuchit-dom", "connection-cost-house",
                   "Сколько стоит подключить частный дом?", "How much does it cost to connect a private house?",
                   "Для дома до 15 кВт — 5 000 руб. за кВт с НДС по льготной ставке, если до сетей не дальше 300 м в городе или 500 м в сельской местности.",
                   "For a house up to 15 kW: 5,000 roubles per kW incl. VAT at the preferential rate, within 300 m of the grid in towns or 500 m in rural areas.",
                   "Цена подключения дома к электричеству\nСтоимость техприсоединения 15 кВт",
                   "Price of connecting a house to electricity\nCost of a 15 kW connection"))
    keep(_question(conn, "dokumenty-dlya-zayavki", "application-documents",
                   "Какие документы нужны для заявки на техприсоединение?", "What documents do I need to apply for a grid connection?",
                   "Паспорт, документ о праве на участок или дом и план расположения устройств; для представителя — доверенность.",
                   "A passport, a document proving your right to the land or house and a site plan; a representative also needs a power of attorney.",
                   "Что приложить к заявке на подключение", "What to attach to a connection application"))
    keep(_question(conn, "pochemu-ne-550", "why-not-550-roubles",
                   "Почему подключение больше не стоит 550 рублей?", "Why does connection no longer cost 550 roubles?",
                   "С 1 июля 2022 года плата за присоединение до 15 кВт считается по льготной ставке за кВт (постановление № 1178).",
                   "Since 1 July 2022 the fee for up to 15 kW is calculated at a preferential rate per kW (Decree 1178).",
                   "Раньше подключение стоило 550 рублей", "Connection used to cost 550 roubles"))
    keep(_question(conn, "status-zayavki", "application-status",
                   "Как узнать, на каком этапе моя заявка на присоединение?", "How can I check the status of my connection application?",
                   "Статус заявки виден в личном кабинете: зарегистрирована, договор направлен, условия выполнены, присоединение выполнено.",
                   "The status is shown in your online account: registered, contract sent, conditions met, connected.",
                   "Где моя заявка\nПроверить заявку на подключение", "Where is my application\nTrack my connection request"))

    tariffs = keep(_add(home, m.SectionPage, "tarify", "tariffs", "Тарифы", "Tariffs",
                        "Тарифы на электрическую и тепловую энергию для населения, действующие сегодня и архив.",
                        "Electricity and heat tariffs for households in force today, and the archive."))
    el = keep(_add(tariffs, m.TariffPage, "tarify-elektroenergiya", "electricity-tariffs",
                   "Тарифы на электроэнергию для населения", "Electricity tariffs for households",
                   "Цены за киловатт-час для городских домов с газовыми и электроплитами и сельского населения, одноставочный и двухзонный тариф.",
                   "Prices per kWh for town homes with gas or electric stoves and rural households: single-rate and two-zone.",
                   kind="electricity",
                   explanation="Тарифы устанавливает агентство по тарифам и ценам Архангельской области на каждое полугодие.",
                   explanation_en="Tariffs are set for each half-year by the Arkhangelsk region tariff agency."))
    for group, rate, zone, hours, price in [
        ("urban_gas", "single", "all_day", "", "6.59"),
        ("urban_electric_rural", "single", "all_day", "", "4.61"),
        ("urban_gas", "two_zone", "day", "07:00–23:00", "7.10"),
        ("urban_gas", "two_zone", "night", "23:00–07:00", "3.80"),
    ]:
        m.TariffRecord.objects.create(page=el, consumer_group=group, rate_type=rate, zone=zone, hours=hours,
                                      hours_en=hours, price=Decimal(price), effective_from=HALF_START)
    heat = keep(_add(tariffs, m.TariffPage, "tarify-teplo", "heat-tariffs", "Тарифы на тепловую энергию",
                     "Heat tariffs", "Цены за гигакалорию для населения по поставщикам тепла и районам.",
                     "Prices per Gcal for households by heat supplier and district.", kind="heat"))
    m.TariffRecord.objects.create(page=heat, consumer_group="heat_population", town="Холмогорский район",
                                  town_en="Kholmogory district", price=Decimal("2059.04"), unit="gcal",
                                  effective_from=HALF_START)
    keep(_question(tariffs, "tarif-elektroplita", "electric-stove-tariff",
                   "Какой тариф для дома с электроплитой?", "Which tariff applies to a home with an electric stove?",
                   "Для домов с электроплитами и электроотоплением действует понижающий коэффициент 0,7 к базовому тарифу.",
                   "Homes with electric stoves or electric heating pay the base tariff times 0.7.",
                   "Тариф для электроплиты\nСкидка для домов с электроотоплением",
                   "Electric cooker tariff\nDiscount for electrically heated homes"))
    keep(_question(tariffs, "chasy-nochnogo-tarifa", "night-tariff-hours",
                   "В какие часы действует ночной тариф?", "What are the night tariff hours?",
                   "Ночная зона — с 23:00 до 07:00, дневная — с 07:00 до 23:00.",
                   "The night zone is 23:00 to 07:00; the day zone is 07:00 to 23:00.",
                   "Когда ночная зона двухтарифного счетчика\nДвухзонный тариф время",
                   "When does the night rate start\nTwo-zone tariff times"))
    keep(_question(tariffs, "pochemu-povyshayutsya-tarify", "why-tariffs-rise",
                   "Почему тарифы повышаются с 1 июля?", "Why do tariffs rise on 1 July?",
                   "Регулятор устанавливает тарифы на полугодие; повышение обычно приходится на 1 июля.",
                   "The regulator sets tariffs per half-year; the rise usually comes on 1 July."))

    benefits = keep(_add(home, m.SectionPage, "lgoty", "benefits", "Льготы и субсидии", "Benefits and subsidies",
                         "Помощь в оплате электроэнергии и коммунальных услуг.", "Help paying for electricity and utilities."))
    keep(_add(benefits, m.SubsidyPage, "subsidiya-zhku", "housing-subsidy",
              "Субсидия на оплату жилья и коммунальных услуг", "Housing and utilities subsidy",
              "Субсидию дают, если расходы на ЖКУ больше 22% дохода семьи. Решение принимает социальная защита за 10 рабочих дней.",
              "The subsidy is granted when housing and utility bills exceed 22% of family income; social protection decides within 10 working days.",
              processing_time="10 рабочих дней", processing_time_en="10 working days"))
    keep(_add(benefits, m.SubsidyPage, "kompensaciya-invalidam", "disability-compensation",
              "Компенсация 50% людям с инвалидностью", "50% compensation for disabled people",
              "Людям с инвалидностью, семьям с детьми-инвалидами и ветеранам боевых действий возмещают половину платы за коммунальные услуги деньгами.",
              "Disabled people, families with disabled children and combat veterans get half of their utility payments back in cash.",
              compensation_percent=Decimal("50")))
    keep(_question(benefits, "kak-oformit-subsidiyu", "how-to-apply-for-subsidy",
                   "Как оформить субсидию на оплату ЖКУ?", "How do I apply for a housing and utilities subsidy?",
                   "Подайте заявление в отделение социальной защиты, в МФЦ или на Госуслугах; приложите сведения о доходах за 6 месяцев.",
                   "Apply to the social protection office, a one-stop centre (MFC) or Gosuslugi with your income for the last 6 months.",
                   "Куда подавать на субсидию", "Where to apply for the subsidy"))

    outages = keep(_add(home, m.SectionPage, "otklyucheniya", "outages", "Отключения и аварии", "Outages and faults",
                        "Плановые отключения, аварии и что делать, если пропало электричество.",
                        "Planned outages, faults and what to do when the power goes off."))
    keep(_question(outages, "net-sveta-kuda-zvonit", "power-cut-who-to-call",
                   "Нет света — куда звонить?", "The power is off: who do I call?",
                   "Звоните круглосуточно на бесплатную горячую линию «Светлая линия» [[figure:hotline]] или сообщите об отключении на сайте.",
                   "Call the free 24/7 hotline [[figure:hotline]] or report the outage on this website.",
                   "Пропало электричество\nСообщить об аварии", "Electricity went off\nReport a fault"))
    keep(_add(outages, m.ContentPage, "planovye-otklyucheniya", "planned-outages", "Плановые отключения",
              "Planned outages", "График плановых отключений электроэнергии для ремонта сетей по районам.",
              "Schedule of planned power cuts for network repairs by district.",
              body=_body("О плановом ремонте сообщаем не позднее чем за 3 дня."),
              body_en=_body("We announce planned repairs at least 3 days in advance.")))
    keep(_add(outages, m.ProcedurePage, "vozmeshchenie-ushcherba", "surge-damage-claim",
              "Возмещение ущерба от скачка напряжения", "Claiming for surge damage",
              "Если из-за перепада напряжения сгорела техника, подайте претензию: ответим в течение 30 дней.",
              "If a voltage surge damaged your appliances, file a claim: we answer within 30 days.",
              steps=_steps([("Подайте претензию", "Опишите, что сгорело и когда.", ["акт о повреждении", "чеки"])]),
              steps_en=_steps([("File a claim", "Describe what was damaged and when.", ["damage report", "receipts"])])))

    meters = keep(_add(home, m.SectionPage, "schetchiki", "meters", "Счётчики и счета", "Meters and bills",
                       "Замена приборов учёта, показания, счета и перерасчёт.", "Meter replacement, readings, bills and recalculation."))
    keep(_question(meters, "zamena-schetchika", "meter-replacement",
                   "Кто бесплатно заменит счётчик в частном доме?", "Who replaces the meter in a private house for free?",
                   "С 1 июля 2020 года счётчики в частных домах устанавливает и меняет сетевая компания за свой счёт.",
                   "Since 1 July 2020 the grid company installs and replaces meters in private houses at its own cost.",
                   "Сломался электросчетчик\nЗамена прибора учета", "Broken electricity meter\nReplace the metering device"))
    keep(_question(meters, "peredat-pokazaniya", "submit-meter-readings",
                   "Как передать показания счётчика?", "How do I submit meter readings?",
                   "Показания принимает гарантирующий поставщик ООО «ТГК-2 Энергосбыт»: в его личном кабинете или по телефону.",
                   "Readings go to the guaranteeing supplier, TGK-2 Energosbyt: through its online account or by phone."))
    keep(_question(meters, "schet-pereraschet", "bill-recalculation",
                   "Куда обращаться, если неправильно начислили за электроэнергию?", "Who do I contact about a wrong electricity bill?",
                   "Счета выставляет и пересчитывает гарантирующий поставщик; мы перешлём ваше обращение ему в течение 7 дней.",
                   "Bills are issued and recalculated by the guaranteeing supplier; we forward your request within 7 days.",
                   "Перерасчет платы\nОшибка в квитанции", "Recalculation\nMistake in my bill"))

    centres = keep(_add(home, m.ServiceCentreIndexPage, "centry-obsluzhivaniya", "service-centres",
                        "Центры обслуживания клиентов", "Customer service centres",
                        "Адреса, часы работы и доступность офисов по области.",
                        "Addresses, opening hours and accessibility of offices across the region."))
    for slug, slug_en, town, town_en, address, address_en, ramp in [
        ("cok-arhangelsk", "arkhangelsk-centre", "Архангельск", "Arkhangelsk", "пр. Троицкий, 10", "10 Troitsky Avenue", True),
        ("cok-kotlas", "kotlas-centre", "Котлас", "Kotlas", "ул. Ленина, 5", "5 Lenina Street", False),
    ]:
        centre = keep(_add(centres, m.ServiceCentrePage, slug, slug_en, f"ЦОК {town}", f"{town_en} service centre",
                           f"Приём заявок и обращений в городе {town}.", f"Applications and enquiries in {town_en}.",
                           town=town, town_en=town_en, address=address, address_en=address_en, phones="8 (8182) 00-00-00",
                           services="Приём заявок на присоединение\nКонсультации", has_ramp=ramp,
                           offers_home_visits=True))
        for day in range(5):
            m.OpeningHours.objects.create(page=centre, weekday=day, opens=datetime.time(8), closes=datetime.time(17))
    keep(_question(centres, "specialist-na-dom", "home-visit",
                   "Можно вызвать специалиста на дом?", "Can a specialist visit me at home?",
                   "Да, людям с инвалидностью и маломобильным клиентам специалист центра обслуживания приезжает на дом в согласованный день.",
                   "Yes: for disabled customers and people with limited mobility a specialist visits on an agreed date."))

    appeals = keep(_add(home, m.SectionPage, "obrashcheniya", "requests-info", "Обращения", "Requests",
                        "Как написать нам, сроки ответа и как обжаловать решение.", "How to write to us, answer times and appeals."))
    keep(_add(appeals, m.ProcedurePage, "podat-zhalobu", "make-a-complaint", "Как подать жалобу", "How to make a complaint",
              "Письменную жалобу рассматриваем 30 дней; перезваниваем в течение 4 часов.",
              "We answer written complaints within 30 days and call back within 4 hours.",
              steps=_steps([("Напишите жалобу", "Через форму обращения на сайте или в центре обслуживания.", [])]),
              steps_en=_steps([("Write your complaint", "Use the request form or visit a service centre.", [])])))
    keep(_add(appeals, m.ContentPage, "personalnye-dannye", "personal-data-policy",
              "Политика обработки персональных данных", "Personal data policy",
              "Какие данные мы собираем, зачем и как долго храним; как их удалить.",
              "What data we collect, why, how long we keep it and how to have it deleted.",
              body=_body("Запрос на удаление данных рассматривается 10 рабочих дней."),
              body_en=_body("A deletion request is answered within 10 working days.")))

    news = keep(_add(home, m.NewsIndexPage, "novosti", "news", "Новости", "News", "Новости компании.", "Company news."))
    keep(_add(news, m.NewsPage, "tarify-s-1-iyulya", "tariffs-from-1-july", "С 1 июля меняются тарифы на электроэнергию",
              "Electricity tariffs change on 1 July", "Агентство по тарифам утвердило новые цены на второе полугодие.",
              "The tariff agency approved new prices for the second half-year.",
              body=_body("Новые тарифы опубликованы в разделе «Тарифы»."), body_en=_body("See the Tariffs section.")))
    keep(_add(news, m.NewsPage, "novyj-cok-kotlas", "new-kotlas-centre", "В Котласе открылся новый центр обслуживания",
              "A new service centre opened in Kotlas", "Офис с пандусом и индукционной петлёй.",
              "The office has a ramp and a hearing loop.", body=_body("Адрес: ул. Ленина, 5."), body_en=_body("Address: 5 Lenina Street.")))
    return pages
