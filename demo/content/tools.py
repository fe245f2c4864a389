"""The calculators as pages in their sections: connection fee, bill, subsidies and benefits."""
from cms_pages.models import BillToolPage, ConnectionFeeToolPage, EligibilityToolPage

from demo.content.common import T, p, page


def pages(ctx):
    return [
        page("connection/fee-calculator", ConnectionFeeToolPage, "connection",
             T("Калькулятор платы за подключение", "Grid connection fee calculator"),
             T("kalkulyator-platy-za-podklyuchenie", "connection-fee-calculator"),
             T("Рассчитайте плату за технологическое присоединение и срок подключения по опубликованным ставкам.",
               "Work out the grid connection fee and the connection deadline from the published rates."),
             intro=T(p("Укажите категорию, мощность, напряжение и расстояние от границы участка до сетей. "
                       "Для дома до 15 кВт калькулятор сравнит льготную ставку со стандартизированными и "
                       "возьмёт меньшую сумму.",
                       "Расчёт — оценка: точную сумму укажет договор."),
                     p("Give the category, the power, the voltage and the distance from your plot to the grid. "
                       "For a house up to 15 kW the calculator compares the preferential rate with the "
                       "standardized rates and takes the lower amount.",
                       "This is an estimate: the contract states the exact amount."))),
        page("tariffs/bill-calculator", BillToolPage, "tariffs",
             T("Калькулятор счёта за электроэнергию", "Electricity bill calculator"),
             T("kalkulyator-scheta", "bill-calculator"),
             T("Выгоден ли двухзонный или трёхзонный тариф: сравните сумму за месяц по всем тарифам.",
               "Does a two-zone or three-zone tariff pay off? Compare the monthly amount on every tariff."),
             intro=T(p("Достаточно знать, сколько киловатт-часов вы расходуете в месяц: долю ночного "
                       "потребления калькулятор возьмёт типичную для вашей группы, её можно изменить."),
                     p("All you need is how many kilowatt-hours you use a month: the calculator assumes the "
                       "typical night share of your group, and you can change it."))),
        page("benefits/eligibility-checker", EligibilityToolPage, "benefits",
             T("Проверить право на субсидию и льготы", "Check your right to a subsidy or benefit"),
             T("proverit-pravo-na-subsidiyu", "check-subsidy-eligibility"),
             T("Проверьте, положена ли вам субсидия на оплату ЖКУ или компенсация 50 %, и узнайте, куда обращаться.",
               "Check whether you can get the housing subsidy or a 50% compensation, and where to apply."),
             intro=T(p("Ответьте на несколько вопросов о семье, доходе и платежах за жильё и коммунальные "
                       "услуги: мы покажем, какие меры поддержки вам, скорее всего, положены, почему, какие "
                       "документы нужны и куда обращаться."),
                     p("Answer a few questions about your family, income and housing and utility payments: we "
                       "show which support you are likely to get, why, which documents you need and where to "
                       "apply."))),
    ]
