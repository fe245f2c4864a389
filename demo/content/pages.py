"""Standard content pages: prices explained, accessibility, personal data, service standard, turnkey services."""
from cms_pages.models import ContentPage

from demo.content.common import (DEMO_EN, DEMO_RU, T, callout, heading, image, link, p, page, para,
                                 table, ul)
from demo.images import PRICE_SHARES


def prices_page(ctx):
    chart = ctx.images["price-chart"]
    return page(
        "tariffs/how-prices-are-formed", ContentPage, "tariffs",
        T("Как формируются цены и тарифы", "How retail electricity prices and tariffs are formed"),
        T("kak-formiruyutsya-tseny", "how-prices-are-formed"),
        T("Кто устанавливает тарифы на электроэнергию для населения и из чего складывается цена киловатт-часа.",
          "Who sets household electricity tariffs and what the price of a kilowatt-hour consists of."),
        body=T([
            heading("Кто устанавливает тарифы"),
            para(p("Тарифы для населения устанавливает Агентство по тарифам и ценам Архангельской области на "
                   "каждое полугодие. Предельные уровни задаёт ФАС России. Сетевая компания «Архэнерго» тарифы "
                   "не устанавливает и счета не выставляет: она передаёт электроэнергию по своим сетям, а "
                   "платите вы гарантирующему поставщику ООО «ТГК-2 Энергосбыт».")),
            heading("Из чего состоит цена"),
            image(chart, "Круговая диаграмма: передача по сетям — 45 %, производство — 42 %, сбытовая "
                         "надбавка — 9 %, инфраструктура рынка — 4 %"),
            table("Примерная структура цены 1 кВт·ч для населения, %",
                  [("text", "Составляющая"), ("number", "Доля, %")],
                  [[ru, share] for ru, _en, share in PRICE_SHARES]),
            callout(p(DEMO_RU), "Доли — демонстрационные", "warning"),
            heading("Почему цена зависит от объёма", "h3"),
            para(p("С 2025 года действуют диапазоны потребления: до 3 900 кВт·ч в месяц, до 6 000 кВт·ч и "
                   "свыше. Это защищает обычные семьи от перекрёстного субсидирования тех, кто использует "
                   "жилой дом для майнинга или производства. Текущие цены — на странице "
                   + link("tariffs/electricity", "«Тарифы на электроэнергию для населения»") + ".")),
            heading("Как пожаловаться на тариф", "h3"),
            para(p("Вопрос о размере тарифа можно задать нам — мы ответим в течение 30 дней и подскажем, как "
                   "обратиться в агентство по тарифам.")),
        ], [
            heading("Who sets the tariffs"),
            para(p("Household tariffs are set by the Arkhangelsk Region Agency for Tariffs and Prices for each "
                   "half-year, within limits set by the Federal Antimonopoly Service. The grid company "
                   "Arkhenergo neither sets tariffs nor bills households: it carries electricity through its "
                   "grid, and you pay the guaranteeing supplier TGK-2 Energosbyt.")),
            heading("What the price consists of"),
            image(chart, "Pie chart: transmission through the grid 45%, generation 42%, supplier's markup 9%, "
                         "market infrastructure 4%"),
            table("Approximate structure of the household price of 1 kWh, %",
                  [("text", "Component"), ("number", "Share, %")],
                  [[en, share] for _ru, en, share in PRICE_SHARES]),
            callout(p(DEMO_EN), "The shares are demonstration values", "warning"),
            heading("Why the price depends on volume", "h3"),
            para(p("Since 2025 consumption bands apply: up to 3,900 kWh a month, up to 6,000 kWh and above. This "
                   "protects ordinary families from cross-subsidising homes used for crypto mining or "
                   "production. Current prices: " + link("tariffs/electricity", "household electricity tariffs") + ".")),
            heading("How to question a tariff", "h3"),
            para(p("You can ask us about the tariff level: we answer within 30 days and explain how to contact "
                   "the tariff agency.")),
        ]))


TURNKEY = [
    ("Монтаж вводного устройства (щита учёта) на опоре или фасаде", "Installing the service entrance panel on a pole or wall", "18500"),
    ("Прокладка вводного кабеля от опоры до дома, до 25 м", "Laying the service cable from the pole to the house, up to 25 m", "24900"),
    ("Установка опоры на участке", "Installing a pole on your plot", "32000"),
    ("Монтаж внутреннего заземляющего устройства", "Installing an earthing system", "12700"),
    ("Проектирование электроснабжения дома до 15 кВт", "Designing the supply of a house up to 15 kW", "9800"),
    ("Подготовка документов и подача заявки за заявителя", "Preparing documents and applying on your behalf", "3500"),
]


def turnkey_page(ctx):
    return page(
        "connection/turnkey", ContentPage, "connection",
        T("Платные услуги по подключению «под ключ»", "Paid turnkey connection services"),
        T("uslugi-pod-klyuch", "turnkey-services"),
        T("Работы на вашем участке, которые «Архэнерго» может выполнить за плату. Цены — демонстрационные значения.",
          "Works on your plot that Arkhenergo can do for a fee. Prices are demonstration values."),
        body=T([
            para(p("Плата за технологическое присоединение покрывает работы до границы вашего участка. Работы "
                   "на участке вы можете выполнить сами, нанять любого подрядчика или заказать у нас. Услуги "
                   "добровольные: отказ от них не влияет на сроки подключения.")),
            heading("Цены на услуги"),
            table("Каталог платных услуг «под ключ», цены с НДС",
                  [("text", "Услуга"), ("number", "Цена, руб.")], [[ru, price] for ru, _en, price in TURNKEY]),
            callout(p(DEMO_RU + " Точную стоимость назовут после выезда на участок."), "Цены демонстрационные", "warning"),
            heading("Как заказать"),
            para(p("Оставьте заявку в любом " + link("centres", "центре обслуживания клиентов")
                   + " или через форму обращения, выбрав «Подключение к сети».")),
        ], [
            para(p("The connection fee covers works up to your plot boundary. On your plot you can do the work "
                   "yourself, hire any contractor or order it from us. These services are voluntary: refusing "
                   "them does not affect the connection deadline.")),
            heading("Service prices"),
            table("Catalogue of paid turnkey services, prices incl. VAT",
                  [("text", "Service"), ("number", "Price, roubles")], [[en, price] for _ru, en, price in TURNKEY]),
            callout(p(DEMO_EN + " The exact cost is given after a site visit."), "Demonstration prices", "warning"),
            heading("How to order"),
            para(p("Apply at any " + link("centres", "customer service centre")
                   + " or through the request form, choosing 'Grid connection'.")),
        ]))


def accessibility_page(ctx):
    picture = ctx.images["service-centre"]
    return page(
        "about/accessibility", ContentPage, "about",
        T("Заявление о доступности", "Accessibility statement"),
        T("dostupnost", "accessibility"),
        T("Насколько доступны этот сайт и наши офисы, что ещё не сделано и как сообщить о проблеме.",
          "How accessible this website and our offices are, what is not done yet and how to report a problem."),
        body=T([
            heading("Сайт"),
            para(p("Мы стремимся соответствовать ГОСТ Р 52872-2019 и WCAG 2.2 уровня AA. Сайт работает без "
                   "JavaScript, с клавиатуры и с экранными читалками, есть версия для слабовидящих.")
                 + ul("таблицы тарифов можно скачать в форматах CSV и JSON;",
                      "у всех изображений есть текстовое описание;",
                      "формы сообщают об ошибках текстом и не теряют введённые данные.")),
            heading("Известные ограничения", "h3"),
            para(p("Некоторые старые документы в формате PDF не размечены для экранных читалок. Если вам нужен "
                   "документ в другом формате, напишите нам — пришлём в течение 10 рабочих дней.")),
            heading("Офисы"),
            image(picture, "Одноэтажный центр обслуживания клиентов с широкой дверью, пандусом с поручнем и "
                           "остановкой автобуса рядом"),
            para(p("Доступность каждого офиса (пандус, широкие двери, туалет, индукционная петля, парковка, "
                   "ближайшая остановка) указана в " + link("centres", "справочнике центров обслуживания")
                   + ". Если вам трудно прийти, закажите " + link("services/home-visit", "выезд специалиста на дом") + ".")),
            heading("Сообщить о проблеме"),
            para(p("Выберите в форме обращения тему «Проблема доступности сайта или офиса» или позвоните "
                   "[[figure:hotline]]. Мы ответим в течение 30 дней.")),
        ], [
            heading("The website"),
            para(p("We aim to meet GOST R 52872-2019 and WCAG 2.2 level AA. The site works without JavaScript, "
                   "with a keyboard and with screen readers, and has a low-vision mode.")
                 + ul("tariff tables can be downloaded as CSV and JSON;",
                      "every image has a text description;",
                      "forms explain errors in words and keep what you typed.")),
            heading("Known limitations", "h3"),
            para(p("Some older PDF documents are not tagged for screen readers. If you need a document in another "
                   "format, write to us and we will send it within 10 working days.")),
            heading("Offices"),
            image(picture, "A one-storey customer service centre with a wide door, a ramp with a handrail and a "
                           "bus stop nearby"),
            para(p("The accessibility of each office (ramp, wide doors, toilet, hearing loop, parking, nearest "
                   "stop) is listed in the " + link("centres", "service centre directory")
                   + ". If it is hard for you to come, book a " + link("services/home-visit", "home visit by a specialist") + ".")),
            heading("Report a problem"),
            para(p("Choose 'Website or office accessibility problem' in the request form or call [[figure:hotline]]. "
                   "We answer within 30 days.")),
        ]))


def privacy_page(ctx):
    return page(
        "about/privacy", ContentPage, "about",
        T("Политика обработки персональных данных", "Personal data policy"),
        T("personalnye-dannye", "personal-data"),
        T("Какие персональные данные мы собираем, зачем, сколько храним и как вы можете их получить, "
          "исправить или удалить (152-ФЗ).",
          "What personal data we collect, why, how long we keep it and how you can get, correct or delete it "
          "(Federal Law 152-FZ)."),
        body=T([
            heading("Какие данные и зачем"),
            table("Цели обработки и сроки хранения",
                  [("text", "Цель"), ("text", "Данные"), ("text", "Срок хранения")],
                  [["Рассмотрение обращения", "ФИО, контакты, адрес объекта, текст обращения", "5 лет"],
                   ["Технологическое присоединение", "ФИО, паспортные данные, сведения об участке", "срок договора и 5 лет"],
                   ["Оценка страниц сайта", "ответ «полезно / неполезно» без имени", "1 год"]]),
            heading("Согласие"),
            para(p("Согласие даётся отдельной отметкой в форме, она никогда не стоит заранее. Мы храним время, "
                   "версию текста согласия и источник. Передать обращение поставщику или в соцзащиту мы можем "
                   "только с вашего отдельного согласия.")),
            heading("Ваши права"),
            para(p("Вы можете узнать, какие данные мы храним, исправить, заблокировать или удалить их и отозвать "
                   "согласие. Ответ — в течение 10 рабочих дней, срок может быть продлён на 5 рабочих дней с "
                   "уведомлением. Как это сделать — " + link("questions/withdraw-consent", "«Как отозвать согласие»") + ".")),
            heading("Где хранятся данные", "h3"),
            para(p("Только в России, в базе данных портала. Мы не используем зарубежные формы и CRM.")),
        ], [
            heading("What data and why"),
            table("Purposes and retention periods",
                  [("text", "Purpose"), ("text", "Data"), ("text", "Kept for")],
                  [["Handling your request", "name, contacts, address of the property, request text", "5 years"],
                   ["Grid connection", "name, passport details, plot details", "the contract term plus 5 years"],
                   ["Page feedback", "'useful / not useful' answer without a name", "1 year"]]),
            heading("Consent"),
            para(p("Consent is a separate tick box in the form and is never ticked in advance. We keep the time, "
                   "the version of the consent text and the source. We pass a request to the supplier or social "
                   "protection only with your separate consent.")),
            heading("Your rights"),
            para(p("You can find out what data we hold, correct, block or delete it and withdraw consent. We answer "
                   "within 10 working days, extendable by 5 working days with notice. How to do it: "
                   + link("questions/withdraw-consent", "withdrawing consent") + ".")),
            heading("Where the data is stored", "h3"),
            para(p("Only in Russia, in the portal's own database. We use no foreign form services or CRMs.")),
        ]))


def standard_page(ctx):
    return page(
        "about/service-standard", ContentPage, "about",
        T("Стандарт обслуживания клиентов", "Customer service standard"),
        T("standart-obsluzhivaniya", "customer-service-standard"),
        T("Принципы «Единого окна»: доступность, обратная связь, объективное рассмотрение жалоб, защита данных "
          "и помощь людям с инвалидностью.",
          "The Single Window principles: accessibility, feedback, fair handling of complaints, data protection "
          "and help for disabled customers."),
        body=T([
            para(p("Краткое изложение Стандарта обслуживания клиентов, принятого РАО «ЕЭС России» 17 сентября 2007 "
                   "года, и единых стандартов качества обслуживания сетевыми организациями (приказ Минэнерго "
                   "России № 186 от 15.04.2014).")),
            heading("Доступность обслуживания"),
            para(ul("<b>Территориальная</b>: качественное обслуживание независимо от того, где вы живёте.",
                    "<b>Организационная</b>: правила пользования услугами прозрачны и исполнимы.",
                    "<b>Информационная</b>: тарифы, плата за подключение, льготы и субсидии публикуются открыто "
                    "и понятно.")),
            image(ctx.images["map"], "Схема Архангельской области: побережье Белого моря, Северная Двина и пять "
                                     "центров обслуживания — Архангельск, Северодвинск, Новодвинск, Онега и Котлас"),
            heading("Обратная связь и жалобы"),
            para(p("Мы меняем работу в ответ на ваши отзывы. Жалобы рассматриваются объективно и в срок — до 30 "
                   "дней; решение можно обжаловать в вышестоящем подразделении и в надзорных органах: "
                   + link("services/appeal", "как обжаловать решение") + ".")),
            heading("Добросовестность клиента", "h3"),
            para(p("Мы исходим из того, что клиент действует добросовестно, и учитываем, что у граждан и малого "
                   "бизнеса нет специальных технических и юридических знаний.")),
            heading("Персональные данные"),
            para(p("Данные клиентов используются только для электро- и теплоснабжения и обслуживания — см. "
                   + link("about/privacy", "политику обработки персональных данных") + ".")),
            heading("Помощь людям с инвалидностью"),
            para(p("Приём документов на льготы организуется в доступной форме: пандусы, выезд на дом, совместная "
                   "работа с органами социальной защиты.")),
        ], [
            para(p("A summary of the Customer Service Standard adopted by RAO UES of Russia on 17 September 2007 and "
                   "the uniform quality standards for grid companies (Ministry of Energy order 186 of 15.04.2014).")),
            heading("Accessible service"),
            para(ul("<b>Geographical</b>: good service wherever you live.",
                    "<b>Organisational</b>: the rules for using our services are clear and workable.",
                    "<b>Informational</b>: tariffs, connection fees, benefits and subsidies are published openly "
                    "and plainly.")),
            image(ctx.images["map"], "Schematic map of the Arkhangelsk region: the White Sea coast, the Northern "
                                     "Dvina and five service centres: Arkhangelsk, Severodvinsk, Novodvinsk, Onega and Kotlas"),
            heading("Feedback and complaints"),
            para(p("We change how we work in response to your feedback. Complaints are handled fairly and on time, "
                   "within 30 days; you can appeal to a higher unit and to supervisory bodies: "
                   + link("services/appeal", "how to appeal a decision") + ".")),
            heading("Good faith", "h3"),
            para(p("We assume customers act in good faith and remember that individuals and small businesses "
                   "have no special technical or legal knowledge.")),
            heading("Personal data"),
            para(p("Customer data is used only for electricity and heat supply and service; see the "
                   + link("about/privacy", "personal data policy") + ".")),
            heading("Help for disabled customers"),
            para(p("Benefit documents are accepted in an accessible way: ramps, home visits and joint work with "
                   "social protection.")),
        ]))


def pages(ctx):
    return [prices_page(ctx), turnkey_page(ctx), accessibility_page(ctx), privacy_page(ctx), standard_page(ctx)]

