"""Six news items and notices, dated relative to the day the demo is loaded."""
import datetime

from cms_pages.models import NewsPage

from demo.content.common import DEMO_EN, DEMO_RU, T, ext, heading, image, link, p, page, para


def pages(ctx):
    today = ctx.today
    days = datetime.timedelta
    return [
        page("news/planned-outage", NewsPage, "news",
             T("Плановые отключения — в реестре на сайте", "Planned outages are listed on the site"),
             T("planovye-otklyucheniya-na-saite", "planned-outages-on-the-site"),
             T("Где и когда не будет света из-за плановых работ, теперь видно в реестре отключений: "
               "проверьте свой адрес и подпишитесь на уведомления.",
               "Where and when planned works cut the power is now shown in the outage register: check your "
               "address and subscribe to notices."),
             date=today - days(days=1), kind="notice",
             body=T([para(p("О каждом плановом отключении мы сообщаем заранее, а главная страница показывает "
                            "отключения ближайшей недели. Адреса, время и причина — в "
                            + ext("/ru/outages/", "реестре отключений электроэнергии") + ". Если свет не дали "
                            "к обещанному времени, звоните на горячую линию (номер — внизу каждой страницы). "
                            "Что делать при отключении — "
                            + link("services/outage", "«Сообщить об отключении электроэнергии»") + "."))],
                    [para(p("We announce every planned outage in advance, and the home page shows those of the "
                            "coming week. Addresses, times and reasons are in the "
                            + ext("/en/outages/", "power outage register") + ". If power is not back by the "
                            "promised time, call the hotline (its number is at the foot of every page). What to "
                            "do in an outage: " + link("services/outage", "report a power outage") + "."))])),
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
