"""The home page with the six top tasks, the section index pages and the alert banners."""
import datetime

from django.utils import timezone

from cms_pages.models import HomePage, NewsIndexPage, SectionPage, ServiceCentreIndexPage

from demo.content.common import T, page, top_task
from demo.loader import Ref


def _tasks(lang):
    ru = lang == "ru"
    return [
        top_task("Узнать тарифы" if ru else "Check tariffs",
                 "Электроэнергия и тепло для населения" if ru else "Electricity and heat for households",
                 "tariffs"),
        top_task("Подключиться к электросетям" if ru else "Connect to the grid",
                 "Плата, сроки и порядок подключения" if ru else "Fees, deadlines and steps",
                 "connection"),
        top_task("Льготы и субсидии" if ru else "Benefits and subsidies",
                 "Субсидия на ЖКУ, компенсации, бесплатная замена счётчика" if ru
                 else "Utility subsidy, compensations, free meter replacement",
                 "benefits"),
        top_task("Задать вопрос или пожаловаться" if ru else "Ask a question or complain",
                 "Ответ в течение 30 дней" if ru else "Answer within 30 days",
                 url=f"/{lang}/requests/new/"),
        top_task("Центры обслуживания" if ru else "Service centres",
                 "Адреса, часы работы, доступность" if ru else "Addresses, hours, accessibility",
                 "centres"),
        top_task("Сообщить об отключении" if ru else "Report an outage",
                 "Круглосуточно: [[figure:hotline]]" if ru else "24/7: [[figure:hotline]]",
                 "services/outage"),
    ]


def pages(ctx):
    return [
        page("home", HomePage, None, T("Единое окно", "Single Window"), T("home", "home"),
             T("Портал сетевой компании «Архэнерго» для жителей Архангельской области: тарифы, подключение к "
               "сетям, льготы, обращения и центры обслуживания в одном месте.",
               "The Arkhenergo grid company portal for residents of the Arkhangelsk region: tariffs, grid "
               "connection, benefits, requests and service centres in one place."),
             intro=T("Что вы хотите сделать?", "What do you want to do?"),
             top_tasks=T(_tasks("ru"), _tasks("en"))),
        page("tariffs", SectionPage, "home", T("Тарифы", "Tariffs"), T("tarify", "tariffs"),
             T("Сколько стоят электроэнергия и тепло и кто устанавливает тарифы.",
               "What electricity and heat cost and who sets the tariffs."), menu=True,
             intro=T("Тарифы для населения на текущий и следующий периоды, с основаниями и архивом.",
                     "Household tariffs for the current and next periods, with their legal basis and archive.")),
        page("connection", SectionPage, "home", T("Подключение к электросетям", "Grid connection"),
             T("podklyuchenie", "connection"),
             T("Сколько стоит и сколько длится технологическое присоединение, как подать заявку.",
               "What a grid connection costs, how long it takes and how to apply."), menu=True,
             intro=T("Плата за присоединение, пошаговые инструкции и платные услуги «под ключ».",
                     "Connection fees, step-by-step guides and paid turnkey services.")),
        page("benefits", SectionPage, "home", T("Льготы и субсидии", "Benefits and subsidies"),
             T("lgoty-i-subsidii", "benefits"),
             T("Кто может получить субсидию или компенсацию за коммунальные услуги и куда обращаться.",
               "Who can get a utility subsidy or compensation and where to apply."), menu=True,
             intro=T("Субсидии и компенсации назначают органы социальной защиты; мы подскажем, куда обратиться.",
                     "Subsidies and compensations are granted by social protection; we tell you where to go.")),
        page("services", SectionPage, "home", T("Обращения и услуги", "Requests and services"),
             T("obrashcheniya-i-uslugi", "requests-and-services"),
             T("Пошаговые инструкции: жалобы, отключения, счётчики, перерасчёт, обжалование, выезд на дом.",
               "Step-by-step guides: complaints, outages, meters, recalculation, appeals, home visits."), menu=True,
             intro=T("Выберите, что нужно сделать, — в конце каждой инструкции есть кнопка для обращения.",
                     "Choose what you need to do: each guide ends with a button to submit a request.")),
        page("centres", ServiceCentreIndexPage, "home", T("Центры обслуживания клиентов", "Customer service centres"),
             T("tsentry-obsluzhivaniya", "service-centres"),
             T("Адреса, часы работы и доступность центров обслуживания клиентов (ЦОК) в пяти городах.",
               "Addresses, opening hours and accessibility of customer service centres in five towns."), menu=True,
             intro=T("Отберите офисы по городу и по доступности: пандус, широкие двери, туалет, парковка.",
                     "Filter offices by town and accessibility: ramp, wide doors, toilet, parking.")),
        page("questions", SectionPage, "home", T("Вопросы и ответы", "Questions and answers"),
             T("voprosy-i-otvety", "questions"),
             T("Короткие ответы на частые вопросы о тарифах, подключении, льготах и отключениях.",
               "Short answers to common questions about tariffs, connection, benefits and outages."), menu=True,
             intro=T("Не нашли ответа? Задайте вопрос через форму обращения.",
                     "No answer here? Ask through the request form.")),
        page("news", NewsIndexPage, "home", T("Новости и объявления", "News and notices"),
             T("novosti", "news"),
             T("Плановые отключения, изменения тарифов и новости «Архэнерго».",
               "Planned outages, tariff changes and Arkhenergo news."), menu=True,
             intro=T("Объявления о плановых отключениях публикуются не позднее чем за 3 дня.",
                     "Planned outages are announced at least 3 days in advance.")),
        page("about", SectionPage, "home", T("О портале", "About the portal"), T("o-portale", "about"),
             T("Доступность, персональные данные и стандарт обслуживания.",
               "Accessibility, personal data and the service standard."), menu=False,
             intro=T("Правила, по которым работает портал и центры обслуживания.",
                     "The rules the portal and the service centres follow.")),
    ]


def next_half_year(today):
    """The first day of the next tariff period (1 January or 1 July) after ``today``."""
    if today < datetime.date(today.year, 7, 1):
        return datetime.date(today.year, 7, 1)
    return datetime.date(today.year + 1, 1, 1)


def alerts(ctx):
    """One banner: the next tariff period, scheduled from the day after tomorrow. (Outages are not
    banners: the home page announces them from the outage registry.)"""
    today = ctx.today
    boundary = next_half_year(today)
    tz = timezone.get_current_timezone()
    start_of_today = datetime.datetime.combine(today, datetime.time(0, 0), tzinfo=tz)
    return [
        ("alert/tariff-change", {"kind": "tariff_change"}, dict(
            title=T(f"Тарифы с {boundary:%d.%m.%Y}", f"Tariffs from {boundary:%d.%m.%Y}"),
            message=T("Тарифы на электроэнергию на следующее полугодие опубликованы заранее: сравните их "
                      "с действующими на странице тарифов.",
                      "Electricity tariffs for the next half-year are published in advance: compare them "
                      "with the current ones on the tariffs page."),
            kind="tariff_change", severity="info",
            starts_at=start_of_today + datetime.timedelta(days=2),
            ends_at=datetime.datetime.combine(boundary, datetime.time(0, 0), tzinfo=tz)
            + datetime.timedelta(days=14),
            link_page=Ref("tariffs/electricity"))),
    ]
