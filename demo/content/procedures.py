"""Procedures as step-by-step guides, each ending in the request form with its request type."""
from cases import request_types as rt
from cms_pages.models import ProcedurePage

from demo.content.common import T, p, page, page_choices, step
from demo.content.questions import HOUSE_15KW


def steps(*rows):
    """rows: (title, text, documents, responsible, deadline, cost, connector), each a (ru, en) pair or ''."""
    def pick(value, lang):
        if isinstance(value, tuple):
            return value[lang]
        return value
    ru, en = [], []
    for row in rows:
        title, text, documents, responsible, deadline, cost, *rest = row
        connector = rest[0] if rest else ""
        for lang, out in ((0, ru), (1, en)):
            out.append(step(pick(title, lang), p(pick(text, lang)),
                            [pick(d, lang) for d in documents], pick(responsible, lang),
                            pick(deadline, lang), pick(cost, lang), connector))
    return T(ru, en)


PASSPORT = ("Паспорт заявителя", "Applicant's passport")
OWNERSHIP = ("Документ о праве собственности на участок или дом (если сведений нет в ЕГРН)",
             "Proof of ownership of the land or house (if not in the state register)")
PLAN = ("План расположения энергопринимающих устройств", "Site plan showing where the equipment will be")
CONNECTION_DEPT = ("Отдел технологического присоединения", "Connection department")
CUSTOMER_SERVICE = ("Служба по работе с клиентами", "Customer service")


def pages(ctx):
    return [
        page("connection/up-to-15kw", ProcedurePage, "connection",
             T("Подключение частного дома до 15 кВт", "Connecting a private house up to 15 kW"),
             T("podklyuchenie-doma-do-15-kvt", "connecting-a-house-up-to-15-kw"),
             T("Как подключить жилой или садовый дом к электросетям: заявка, договор, работы и подключение. "
               "Обычно 4 месяца, плата — по льготной ставке за кВт.",
               "How to connect a house or summer house to the grid: application, contract, works and "
               "connection. Usually 4 months; the fee is the preferential rate per kW."),
             menu=False,
             steps=steps(
                 (("Подайте заявку", "Apply"),
                  ("Заявку можно подать в личном кабинете на портале электросетевых услуг портал-тп.рф, в центре обслуживания "
                   "клиентов или почтой. Укажите мощность (до 15 кВт), адрес и категорию надёжности (III).",
                   "Apply online in your personal account at the Rosseti portal, at a customer service centre "
                   "or by post. State the power (up to 15 kW), the address and reliability category III."),
                  [PASSPORT, OWNERSHIP, PLAN], CONNECTION_DEPT,
                  ("Недостающие документы запросят в течение 6 рабочих дней",
                   "Missing documents are requested within 6 working days"), ("Бесплатно", "Free")),
                 (("Оплатите счёт — это и есть договор", "Pay the invoice: it is your contract"),
                  ("Сетевая компания размещает в личном кабинете счёт, условия договора и технические условия. "
                   "Оплата счёта означает заключение договора.",
                   "The grid company posts the invoice, the contract terms and the technical conditions in "
                   "your account. Paying the invoice concludes the contract."),
                  [], CONNECTION_DEPT, ("Оплатить в течение 5 рабочих дней", "Pay within 5 working days"),
                  ("Меньшая из сумм: стандартизированные ставки или 5 000 руб. за кВт с НДС (демо)",
                   "The lower of the standardized rates and 5,000 roubles per kW incl. VAT (demo)")),
                 (("Выполните свою часть технических условий", "Do your part of the technical conditions"),
                  ("Внутри участка вы сами монтируете вводное устройство и проводку. Сетевая компания строит "
                   "линию до границы участка и ставит счётчик.",
                   "On your plot you install the service entrance and wiring yourself. The grid company builds "
                   "the line to your plot boundary and installs the meter."),
                  [], ("Заявитель и сетевая компания", "You and the grid company"),
                  ("4 месяца со дня оплаты (30 рабочих дней, если сеть в 15 м)",
                   "4 months from payment (30 working days if the grid is within 15 m)"),
                  ("Работы на участке — за ваш счёт", "Works on your plot are at your cost"), "and"),
                 (("Сообщите о выполнении и получите документы", "Report completion and get the documents"),
                  ("Уведомите сетевую компанию в личном кабинете. Она проверит выполнение условий, подключит "
                   "дом и разместит акт об осуществлении технологического присоединения.",
                   "Notify the grid company in your account. It checks the works, connects the house and posts "
                   "the connection certificate."),
                  [], CONNECTION_DEPT, ("Акт — в течение 5 рабочих дней после подключения",
                                        "Certificate within 5 working days of connection"), ""),
                 (("Заключите договор энергоснабжения", "Sign the supply contract"),
                  ("Договор с ООО «ТГК-2 Энергосбыт» заключается автоматически: документы передаёт сетевая "
                   "компания. Первый счёт придёт от поставщика.",
                   "The contract with TGK-2 Energosbyt is concluded automatically: the grid company sends the "
                   "documents. Your first bill comes from the supplier."),
                  [], ("ООО «ТГК-2 Энергосбыт»", "TGK-2 Energosbyt"), "", ("Бесплатно", "Free"))),
             total_time=T("До 4 месяцев", "Up to 4 months"),
             total_cost=T("Не больше [[figure:household_fee_15kw]] за 15 кВт: льготная ставка "
                          "[[figure:preferential_rate]] × кВт (демо)",
                          "At most [[figure:household_fee_15kw]] for 15 kW: the preferential rate "
                          "[[figure:preferential_rate]] × kW (demo)"),
             request_type=rt.CONNECTION, tool_link=HOUSE_15KW,
             related_pages=page_choices("connection/fee", "connection/fee-calculator", "connection/15-150kw",
                                        "connection/turnkey")),
        page("connection/15-150kw", ProcedurePage, "connection",
             T("Подключение от 15 до 150 кВт для бизнеса", "Connecting 15 to 150 kW for businesses"),
             T("podklyuchenie-ot-15-do-150-kvt", "connecting-15-to-150-kw"),
             T("Порядок подключения магазина, мастерской или фермы мощностью до 150 кВт.",
               "How to connect a shop, workshop or farm of up to 150 kW."),
             steps=steps(
                 (("Подайте заявку", "Apply"),
                  ("В заявке укажите максимальную мощность, категорию надёжности и срок ввода объекта.",
                   "State the maximum power, the reliability category and when the facility will start."),
                  [("Выписка из ЕГРЮЛ или ЕГРИП", "Company or sole trader register extract"), OWNERSHIP, PLAN,
                   ("Доверенность представителя, если подаёт не руководитель",
                    "Power of attorney if the director does not apply")],
                  CONNECTION_DEPT, ("Проверка документов — 6 рабочих дней", "Document check: 6 working days"),
                  ("Бесплатно", "Free")),
                 (("Получите и оплатите договор", "Get and pay the contract"),
                  ("Договор и технические условия приходят в личный кабинет. Можно выбрать рассрочку на 3 года.",
                   "The contract and technical conditions arrive in your account. You can pay in instalments over 3 years."),
                  [], CONNECTION_DEPT, ("Договор — 10 рабочих дней после заявки", "Contract: 10 working days after applying"),
                  ("По стандартизированным ставкам С1, С2/С3, С8", "At the standardized rates C1, C2/C3, C8")),
                 (("Выполните технические условия", "Meet the technical conditions"),
                  ("Подготовьте электроустановку объекта; сетевая компания строит сети до границы участка.",
                   "Prepare the facility's installation; the grid company builds the grid to your boundary."),
                  [], ("Заявитель и сетевая компания", "You and the grid company"), ("4 месяца", "4 months"), "", "and"),
                 (("Пройдите проверку и подключение", "Inspection and connection"),
                  ("После проверки выполнения условий объект подключают и оформляют акт.",
                   "After the inspection the facility is connected and the certificate issued."),
                  [], CONNECTION_DEPT, ("В пределах общего срока договора", "Within the contract term"), "")),
             total_time=T("4 месяца", "4 months"),
             total_cost=T("По стандартизированным ставкам (см. страницу платы)", "At the standardized rates (see the fee page)"),
             request_type=rt.CONNECTION, related_pages=page_choices("connection/fee", "connection/up-to-15kw")),
        page("services/supply-quality", ProcedurePage, "services",
             T("Жалоба на качество электроснабжения", "Complaint about supply quality"),
             T("zhaloba-na-kachestvo", "supply-quality-complaint"),
             T("Что делать, если напряжение скачет, свет мигает или техника сгорела из-за перепада.",
               "What to do if the voltage jumps, the lights flicker or appliances burnt out after a surge."),
             steps=steps(
                 (("Зафиксируйте проблему", "Record the problem"),
                  ("Запишите дату и время, что происходило; сфотографируйте показания вольтметра, если он есть.",
                   "Note the date and time and what happened; photograph a voltmeter reading if you have one."),
                  [], ("Вы", "You"), "", ""),
                 (("Подайте жалобу", "Submit a complaint"),
                  ("Через форму обращения на сайте, по телефону «Светлая линия» [[figure:hotline]] или в центре "
                   "обслуживания. При повреждении техники приложите документы о ней.",
                   "Use the request form on this site, call the Svetlaya Liniya hotline [[figure:hotline]] or visit a "
                   "service centre. If appliances were damaged, attach their documents."),
                  [("Документы на повреждённую технику и заключение сервиса", "Documents for the damaged appliance and a repair shop's report")],
                  CUSTOMER_SERVICE, ("Обратный звонок по телефонной заявке — в течение 4 часов",
                                     "Call back within 4 hours for a phone request"), ("Бесплатно", "Free")),
                 (("Замер напряжения", "Voltage measurement"),
                  ("Специалисты района электрических сетей проверяют напряжение у вашего дома.",
                   "Staff of the network district measure the voltage at your house."),
                  [], ("Район электрических сетей (РЭС)", "Network district"), ("В ходе рассмотрения", "During the review"), ""),
                 (("Получите ответ", "Get the answer"),
                  ("Ответ с результатами замеров и принятыми мерами. Ущерб возмещается по решению юридической службы.",
                   "An answer with the measurement results and the measures taken. Damage is compensated on the legal department's decision."),
                  [], CUSTOMER_SERVICE, ("30 дней", "30 days"), "")),
             total_time=T("30 дней", "30 days"), total_cost=T("Бесплатно", "Free"),
             request_type=rt.SUPPLY_QUALITY, related_pages=page_choices("services/appeal", "services/outage")),
        page("services/bill-recalculation", ProcedurePage, "services",
             T("Перерасчёт платы за электроэнергию", "Electricity bill recalculation"),
             T("pereraschet", "bill-recalculation"),
             T("Счета выставляет ООО «ТГК-2 Энергосбыт». Мы примем обращение и в течение 7 дней перешлём его "
               "поставщику, сообщив вам об этом.",
               "Bills are issued by TGK-2 Energosbyt. We accept your request and forward it to the supplier "
               "within 7 days, and tell you so."),
             steps=steps(
                 (("Проверьте показания и период", "Check the readings and the period"),
                  ("Сравните показания счётчика с квитанцией. Перерасчёт делают при ошибке в показаниях, "
                   "временном отсутствии (при нормативе) и перерывах в снабжении.",
                   "Compare your meter with the bill. Recalculation is done for wrong readings, temporary "
                   "absence (when billed by standard) and supply interruptions."),
                  [("Квитанция", "The bill"), ("Фото счётчика с показаниями", "Photo of the meter reading")],
                  ("Вы", "You"), "", ""),
                 (("Подайте обращение", "Submit a request"),
                  ("Напрямую поставщику или через нашу форму обращения: мы перешлём его с вашего согласия.",
                   "Directly to the supplier or through our request form: we forward it with your consent."),
                  [("Документы об отсутствии (при нормативе)", "Proof of absence (when billed by standard)")],
                  ("ООО «ТГК-2 Энергосбыт»", "TGK-2 Energosbyt"),
                  ("Пересылка поставщику — 7 дней (демо)", "Forwarded to the supplier within 7 days (demo)"), ("Бесплатно", "Free")),
                 (("Получите ответ поставщика", "Get the supplier's answer"),
                  ("Поставщик делает перерасчёт в следующей квитанции или отвечает с объяснением.",
                   "The supplier recalculates in the next bill or answers with an explanation."),
                  [], ("ООО «ТГК-2 Энергосбыт»", "TGK-2 Energosbyt"), ("30 дней", "30 days"), "")),
             total_time=T("До 30 дней у поставщика", "Up to 30 days at the supplier"), total_cost=T("Бесплатно", "Free"),
             request_type=rt.BILL, related_pages=page_choices("services/appeal", "tariffs/electricity")),
        page("services/outage", ProcedurePage, "services",
             T("Сообщить об отключении электроэнергии", "Report a power outage"),
             T("soobshchit-ob-otklyuchenii", "report-an-outage"),
             T("Нет света или оборван провод? Звоните круглосуточно и бесплатно: [[figure:hotline]].",
               "No power or a broken wire? Call free, 24/7: [[figure:hotline]]."),
             steps=steps(
                 (("Убедитесь, что нет света у соседей", "Check whether your neighbours have power"),
                  ("Если свет есть у соседей, проверьте автоматы в щитке. Плановые отключения публикуются на "
                   "главной странице и в новостях.",
                   "If neighbours have power, check your circuit breakers. Planned outages are announced on "
                   "the home page and in the news."),
                  [], ("Вы", "You"), "", ""),
                 (("Позвоните или напишите", "Call or write"),
                  ("«Светлая линия» [[figure:hotline]] — круглосуточно. При обрыве провода не подходите ближе 8 метров "
                   "и звоните 112.",
                   "Svetlaya Liniya [[figure:hotline]], 24/7. If a wire is down, stay at least 8 metres away and call 112."),
                  [], ("Диспетчерская служба, круглосуточно", "24/7 dispatch"), ("Немедленно", "Immediately"),
                  ("Бесплатно", "Free")),
                 (("Электроснабжение восстановят", "Power is restored"),
                  ("Для домов III категории надёжности перерыв — не больше 24 часов подряд и 72 часов в год.",
                   "For homes of reliability category III an interruption may last at most 24 hours at a time and 72 hours a year."),
                  [], ("Район электрических сетей", "Network district"), ("До 24 часов", "Up to 24 hours"), "")),
             total_time=T("До 24 часов", "Up to 24 hours"), total_cost=T("Бесплатно", "Free"),
             request_type=rt.OUTAGE, related_pages=page_choices("services/supply-quality")),
        page("services/meter-replacement", ProcedurePage, "services",
             T("Как заменить счётчик в частном доме", "How to replace a meter in a private house"),
             T("zamena-schetchika", "meter-replacement"),
             T("Счётчик в частном доме меняет сетевая компания бесплатно, в течение 6 месяцев после заявки.",
               "The grid company replaces a private house meter free of charge within 6 months of the request."),
             steps=steps(
                 (("Подайте заявку", "Submit a request"),
                  ("Через форму обращения, в центре обслуживания или по «Светлой линии».",
                   "Through the request form, at a service centre or via the Svetlaya Liniya hotline."),
                  [PASSPORT, ("Последние показания счётчика", "Latest meter reading")],
                  ("Служба учёта", "Metering department"), "", ("Бесплатно", "Free")),
                 (("Согласуйте дату", "Agree the date"),
                  ("С вами свяжутся, чтобы договориться о дне замены.", "We contact you to agree the date."),
                  [], ("Служба учёта", "Metering department"), ("До 6 месяцев", "Up to 6 months"), ""),
                 (("Замена и акт допуска", "Replacement and commissioning certificate"),
                  ("Монтёр ставит новый счётчик, фиксирует показания старого и оформляет акт допуска в эксплуатацию.",
                   "The electrician installs the new meter, records the old one's reading and issues the commissioning certificate."),
                  [], ("Служба учёта", "Metering department"), ("В день замены", "On the day"), ("Бесплатно", "Free"))),
             total_time=T("До 6 месяцев", "Up to 6 months"), total_cost=T("Бесплатно", "Free"),
             request_type=rt.METER, related_pages=page_choices("benefits/free-meter")),
        page("services/appeal", ProcedurePage, "services",
             T("Как обжаловать решение сетевой компании", "How to appeal a decision of the grid company"),
             T("obzhalovanie-resheniya", "appeal-a-decision"),
             T("Не согласны с ответом? Подайте жалобу руководству, а затем в УФАС, ГЖИ, Ростехнадзор или прокуратуру.",
               "Disagree with the answer? Complain to management, then to the FAS office, the housing "
               "inspectorate, Rostekhnadzor or the prosecutor."),
             steps=steps(
                 (("Подайте жалобу на решение", "Submit an appeal"),
                  ("Укажите номер обращения и почему вы не согласны. Жалобу рассматривает вышестоящее подразделение.",
                   "Give the request number and why you disagree. A higher unit reviews the appeal."),
                  [("Ответ, который вы обжалуете", "The answer you appeal")], ("Вышестоящее подразделение", "Higher unit"),
                  ("30 дней", "30 days"), ("Бесплатно", "Free")),
                 (("Обратитесь в надзорный орган", "Go to a supervisory body"),
                  ("По подключению — в Архангельское УФАС (ст. 9.21 КоАП), по тарифам — в агентство по тарифам, "
                   "по безопасности — в Ростехнадзор, по коммунальным услугам — в ГЖИ.",
                   "Connection issues go to the FAS office (Art. 9.21 of the Administrative Code), tariffs to the "
                   "tariff agency, safety to Rostekhnadzor, utilities to the housing inspectorate."),
                  [], ("Надзорный орган", "Supervisory body"), ("30 дней", "30 days"), "", "or"),
                 (("Обратитесь в суд", "Go to court"),
                  ("Суд — последний шаг; потребители освобождены от госпошлины по искам до 1 млн рублей.",
                   "Court is the last step; consumers pay no state fee on claims up to 1 million roubles."),
                  [], ("Суд", "Court"), "", "")),
             total_time=T("30 дней на каждом шаге", "30 days at each step"), total_cost=T("Бесплатно", "Free"),
             request_type=rt.APPEAL, related_pages=page_choices("about/service-standard")),
        page("services/home-visit", ProcedurePage, "services",
             T("Выезд специалиста на дом для клиента с инвалидностью", "Home visit for a disabled customer"),
             T("vyezd-na-dom", "home-visit"),
             T("Если вам трудно прийти в офис, специалист приедет к вам в согласованный день, чтобы принять "
               "документы или проконсультировать.",
               "If it is hard for you to come to an office, a specialist visits you on an agreed day to take "
               "documents or give advice."),
             steps=steps(
                 (("Попросите о выезде", "Ask for a visit"),
                  ("Через форму обращения, по телефону [[figure:hotline]] или через родственника.",
                   "Use the request form, call [[figure:hotline]] or ask a relative to do it."),
                  [("Документ об инвалидности (показать при визите)", "Disability document (shown at the visit)")],
                  ("Центр обслуживания клиентов", "Customer service centre"), "", ("Бесплатно", "Free")),
                 (("Согласуйте дату и время", "Agree the date and time"),
                  ("Специалист позвонит и договорится о визите.", "The specialist calls you to arrange the visit."),
                  [], ("Центр обслуживания клиентов", "Customer service centre"),
                  ("В согласованный день", "On the agreed day"), ""),
                 (("Визит", "The visit"),
                  ("Специалист принимает документы, помогает заполнить заявку и выдаёт расписку.",
                   "The specialist takes your documents, helps fill in the application and gives a receipt."),
                  [], ("Специалист ЦОК", "Service centre specialist"), "", ("Бесплатно", "Free"))),
             total_time=T("В согласованный день", "On the agreed day"), total_cost=T("Бесплатно", "Free"),
             request_type=rt.HOME_VISIT, related_pages=page_choices("centres", "about/accessibility")),
    ]
