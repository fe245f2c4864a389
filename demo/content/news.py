"""Six news items and notices, dated relative to the day the demo is loaded."""
import datetime

from cms_pages.models import NewsPage

from demo.content.common import DEMO_EN, DEMO_RU, T, heading, image, link, p, page, para


def pages(ctx):
    today = ctx.today
    days = datetime.timedelta
    outage_day = today + days(days=3)
    return [
        page("news/planned-outage", NewsPage, "news",
             T("Плановое отключение электроэнергии в Новодвинске", "Planned power outage in Novodvinsk"),
             T("planovoe-otklyuchenie-novodvinsk", "planned-outage-novodvinsk"),
             T(f"{outage_day:%d.%m.%Y} с 10:00 до 16:00 не будет света на улицах Мира и Южной: ремонт линии 10 кВ.",
               f"On {outage_day:%d.%m.%Y} from 10:00 to 16:00 Mira and Yuzhnaya streets will have no power: "
               "repair of a 10 kV line."),
             date=today - days(days=1), kind="notice",
             body=T([para(p("Отключение нужно для безопасной замены опор. Если электроснабжение не восстановят "
                            "к 16:00, звоните 8-800-220-0-220. Что делать при отключении — "
                            + link("services/outage", "«Сообщить об отключении электроэнергии»") + "."))],
                    [para(p("The outage is needed to replace poles safely. If power is not back by 16:00, call "
                            "8-800-220-0-220. What to do in an outage: " + link("services/outage", "report a power outage") + "."))])),
        page("news/tariffs-july", NewsPage, "news",
             T("С 1 июля 2026 года меняются тарифы на электроэнергию", "Electricity tariffs change on 1 July 2026"),
             T("tarify-s-1-iyulya-2026", "tariffs-from-1-july-2026"),
             T("Агентство по тарифам утвердило цены на второе полугодие 2026 года. Демонстрационные значения.",
               "The tariff agency approved prices for the second half of 2026. Demonstration values."),
             date=datetime.date(2026, 6, 22), kind="news",
             body=T([para(p("Цена в первом диапазоне для городских домов с газовыми плитами вырастет на 11,2 %. "
                            "Новые цены опубликованы заранее на странице "
                            + link("tariffs/electricity", "«Тарифы на электроэнергию для населения»") + ". " + DEMO_RU))],
                    [para(p("The band 1 price for urban homes with gas stoves rises by 11.2%. The new prices are "
                            "published in advance on the " + link("tariffs/electricity", "household electricity tariffs page")
                            + ". " + DEMO_EN))])),
        page("news/meters", NewsPage, "news",
             T("В 2026 году заменим 12 000 счётчиков в частных домах", "12,000 private house meters to be replaced in 2026"),
             T("zamena-schetchikov-2026", "meter-replacement-2026"),
             T("Новые интеллектуальные счётчики ставятся бесплатно и передают показания сами.",
               "New smart meters are installed free of charge and send readings automatically."),
             date=today - days(days=12), kind="news",
             body=T([image(ctx.images["meter"], "Электронный счётчик электроэнергии с цифровым табло и индикатором"),
                     para(p("Замена идёт по графику, с каждым владельцем заранее согласуют дату. Подать заявку "
                            "можно самому — " + link("services/meter-replacement", "«Как заменить счётчик в частном доме»") + "."))],
                    [image(ctx.images["meter"], "An electronic electricity meter with a digital display and a pulse lamp"),
                     para(p("Replacement follows a schedule; the date is agreed with each owner in advance. You can "
                            "also apply yourself: " + link("services/meter-replacement", "how to replace a meter in a private house") + "."))])),
        page("news/onega-home-visits", NewsPage, "news",
             T("В Онеге — выезд специалиста на дом три дня в неделю", "Onega: home visits three days a week"),
             T("onega-vyezd-na-dom", "onega-home-visits"),
             T("Пока в офисе в Онеге нет пандуса, специалисты принимают документы на дому.",
               "Until the Onega office has a ramp, specialists accept documents at home."),
             date=today - days(days=20), kind="notice",
             body=T([heading("Как записаться"),
                     para(p("Запишитесь через форму обращения или по телефону — "
                            + link("services/home-visit", "«Выезд специалиста на дом»") + "."))],
                    [heading("How to book"),
                     para(p("Book through the request form or by phone: " + link("services/home-visit", "home visit for a disabled customer") + "."))])),
        page("news/portal-launch", NewsPage, "news",
             T("Запущен портал «Единое окно»", "The Single Window portal is launched"),
             T("zapushchen-portal", "portal-launched"),
             T("Тарифы, подключение, льготы и обращения — в одном месте, на русском и английском.",
               "Tariffs, connection, benefits and requests in one place, in Russian and English."),
             date=today - days(days=30), kind="news",
             body=T([para(p("Портал продолжает проект «Единое окно», начатый «Архэнерго» в 2007 году. Сообщите, "
                            "что неудобно, — кнопка «Полезна ли страница?» есть внизу каждой страницы."))],
                    [para(p("The portal continues the Single Window project Arkhenergo started in 2007. Tell us what "
                            "is inconvenient: every page has an 'Is this page useful?' button at the bottom."))])),
        page("news/connection-rates", NewsPage, "news",
             T("Новые ставки платы за подключение на 2026 год", "New connection fee rates for 2026"),
             T("stavki-prisoedineniya-2026", "connection-rates-2026"),
             T("Льготная ставка для домов до 15 кВт — 5 000 рублей за кВт с НДС. Демонстрационные значения.",
               "The preferential rate for houses up to 15 kW is 5,000 roubles per kW incl. VAT. Demonstration values."),
             date=datetime.date(2025, 12, 22), kind="news",
             body=T([para(p("Все ставки — на странице " + link("connection/fee", "«Плата за технологическое присоединение»")
                            + ". " + DEMO_RU))],
                    [para(p("All rates are on the " + link("connection/fee", "grid connection fee page") + ". " + DEMO_EN))])),
    ]
