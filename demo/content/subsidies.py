"""Benefit pages: housing-and-utility subsidy, compensations, meters at the grid company's cost."""
import datetime
from decimal import Decimal

from cms_pages.codes import (
    CATEGORY, DISABLED, DISABLED_CHILD, DWELLING, INCOME_CEILING, NO_DEBTS, PAYMENT_SHARE, RESIDENCE, VETERAN,
)
from cms_pages.models import SubsidyPage

from demo.content.common import T, items, link, p, page, ul

D = datetime.date

# Decree 116-пп of 09.02.2023 [V]: family size -> (heating period, non-heating period), rub/month.
CEILINGS = {1: (28000, 22000), 2: (38500, 31000), 3: (50000, 42000), 4: (68000, 55000), 5: (85000, 70000)}


def ceilings(act):
    return [{"family_size": size, "heating_season": Decimal(heating), "non_heating_season": Decimal(other),
             "effective_from": D(2023, 2, 9), "effective_to": None, "legal_act": act}
            for size, (heating, other) in CEILINGS.items()]


def criterion(kind, note=None, percent=None, categories=()):
    """One SubsidyCriterion row: the page words it from the kind, the checker applies it."""
    return {"kind": kind, "percent": percent, "categories": ",".join(categories),
            "note": note or T("", "")}


# The housing subsidy (Housing Code art. 159, Decree 761): no category, low income is not a condition.
HOUSING_CRITERIA = [
    criterion(RESIDENCE, T("Архангельская область. Субсидию назначают за жильё, в котором вы живёте.",
                           "The Arkhangelsk region. The subsidy is for the home you live in.")),
    criterion(DWELLING),
    criterion(PAYMENT_SHARE, T("Это федеральный стандарт; расходы считают по региональным стандартам.",
                               "This is the federal standard; costs are counted at the regional standards."),
              percent=Decimal("22")),
    criterion(INCOME_CEILING, T("Доход считают за 6 месяцев до месяца подачи заявления.",
                                "Income is counted over the 6 months before the month you apply.")),
    criterion(NO_DEBTS),
]
DISABLED_CRITERIA = [
    criterion(CATEGORY, T("Инвалидность любой группы.", "A disability of any group."),
              categories=(DISABLED, DISABLED_CHILD)),
    criterion(RESIDENCE, T("Компенсируют платежи за жильё, в котором вы живёте.",
                           "The payments for the home where you live are compensated.")),
    criterion(NO_DEBTS),
]
VETERAN_CRITERIA = [
    criterion(CATEGORY, T("Нужно удостоверение ветерана боевых действий.", "You need a combat veteran's certificate."),
              categories=(VETERAN,)),
    criterion(RESIDENCE, T("Архангельская область.", "The Arkhangelsk region.")),
]


def pages(ctx):
    acts, bodies = ctx.acts, ctx.bodies
    return [
        page("benefits/housing-subsidy", SubsidyPage, "benefits",
             T("Субсидия на оплату жилья и коммунальных услуг", "Housing and utility subsidy"),
             T("subsidiya-na-oplatu-zhku", "housing-and-utility-subsidy"),
             T("Если коммунальные платежи больше 22 % дохода семьи, государство возвращает часть расходов. "
               "Назначает центр социальной защиты, заявление можно подать в МФЦ или на Госуслугах.",
               "If housing and utility bills are more than 22% of the family income, the state pays back "
               "part of the cost. Granted by social protection; apply at an MFC or on Gosuslugi."),
             rule=T(
                 p("Субсидия равна разнице между расходами на жильё и коммунальные услуги по региональным "
                   "стандартам и 22 % совокупного дохода семьи. Доход считают за 6 месяцев до месяца "
                   "подачи заявления. Субсидию назначают на 6 месяцев, затем подают заявление снова."),
                 p("The subsidy is the difference between housing and utility costs at the regional "
                   "standards and 22% of the total family income. Income is counted over the 6 months before "
                   "the month you apply. It is granted for 6 months; then you apply again.")),
             compensation_percent=None,
             # The worked example (checked against the benefit checker at publish time and in the tests):
             # 22 % of 36 000 is 7 920, so 9 500 − 7 920 = 1 580 a month.
             example_family_size=2, example_income=Decimal("36000"), example_payments=Decimal("9500"),
             example_heating_season=True, example_result=Decimal("1580"),
             documents=T(
                 items("document", "Заявление (бланк выдают в МФЦ, можно подать на Госуслугах)",
                       "Паспорта всех членов семьи",
                       "Документы о доходах каждого члена семьи за 6 месяцев",
                       "Платёжные документы за последний месяц (квитанции за жильё и коммунальные услуги)",
                       "Документ о праве на жилое помещение (если сведений нет в ЕГРН)",
                       "Реквизиты банковского счёта для перечисления субсидии"),
                 items("document", "Application form (available at an MFC; you can also apply on Gosuslugi)",
                       "Passports of all family members",
                       "Proof of each family member's income for 6 months",
                       "Last month's housing and utility bills",
                       "Proof of your right to the home (if it is not in the state register)",
                       "Bank account details for the payment")),
             responsible_body=bodies["social"],
             processing_time=T("10 рабочих дней со дня подачи всех документов",
                               "10 working days after all documents are submitted"),
             legal_act=acts["decree_761"],
             children={"income_ceilings": ceilings(acts["arkh_116pp"]), "criteria": HOUSING_CRITERIA}),
        page("benefits/disabled-compensation", SubsidyPage, "benefits",
             T("Компенсация 50 % платы за коммунальные услуги людям с инвалидностью",
               "50% utility compensation for disabled people"),
             T("kompensatsiya-invalidam", "compensation-for-disabled-people"),
             T("Людям с инвалидностью и семьям с детьми-инвалидами возвращают половину платы за жильё и "
               "коммунальные услуги, включая электроэнергию. Деньги перечисляет соцзащита, это не скидка в квитанции.",
               "Disabled people and families with disabled children get half of their housing and utility "
               "payments back, electricity included. Social protection pays the money; it is not a discount on the bill."),
             rule=T(p("Компенсируется 50 % платы за коммунальные услуги в пределах нормативов потребления. "
                      "Сумму перечисляют ежемесячно на счёт или почтовым переводом после оплаты квитанции."),
                    p("50% of utility payments within the consumption standards is paid back. The money is "
                      "transferred monthly to a bank account or by post after you pay the bill.")),
             compensation_percent=Decimal("50"),
             documents=T(items("document", "Заявление", "Паспорт", "Справка об инвалидности (сведения МСЭ)",
                               "Квитанции за последний месяц", "Реквизиты счёта"),
                         items("document", "Application form", "Passport", "Disability certificate (medical assessment)",
                               "Last month's bills", "Bank account details")),
             responsible_body=bodies["social"],
             processing_time=T("10 рабочих дней", "10 working days"),
             legal_act=acts["fz_181"], children={"criteria": DISABLED_CRITERIA}),
        page("benefits/veterans", SubsidyPage, "benefits",
             T("Компенсация 50 % платы за коммунальные услуги ветеранам боевых действий",
               "50% utility compensation for combat veterans"),
             T("kompensatsiya-veteranam", "compensation-for-veterans"),
             T("Ветераны боевых действий получают от соцзащиты деньги в размере половины платы за жильё и "
               "коммунальные услуги. Заявление — в центр соцзащиты, МФЦ или на Госуслугах.",
               "Combat veterans receive half of their housing and utility payments from social protection. "
               "Apply at the social protection centre, an MFC or on Gosuslugi."),
             rule=T(p("Компенсация — 50 % платы за жильё и коммунальные услуги, в том числе за электроэнергию, "
                      "в пределах нормативов. Выплачивается деньгами, квитанцию оплачивают полностью."),
                    p("The compensation is 50% of housing and utility payments, electricity included, within "
                      "the standards. It is paid in cash; you pay the bill in full.")),
             compensation_percent=Decimal("50"),
             documents=T(items("document", "Заявление", "Паспорт", "Удостоверение ветерана боевых действий",
                               "Квитанции за последний месяц"),
                         items("document", "Application form", "Passport", "Combat veteran's certificate",
                               "Last month's bills")),
             responsible_body=bodies["mfc"],
             processing_time=T("10 рабочих дней", "10 working days"), legal_act=acts["fz_5"],
             children={"criteria": VETERAN_CRITERIA}),
        page("benefits/free-meter", SubsidyPage, "benefits",
             T("Замена счётчика в частном доме за счёт сетевой компании",
               "Free meter replacement in private houses"),
             T("zamena-schetchika-besplatno", "free-meter-replacement"),
             T("С 1 июля 2020 года счётчики в частных домах устанавливает и меняет сетевая компания за свой "
               "счёт, в многоквартирных домах — гарантирующий поставщик. Платить за новый счётчик не нужно.",
               "Since 1 July 2020 the grid company installs and replaces meters in private houses at its own "
               "cost, and the guaranteeing supplier does so in blocks of flats. You do not pay for the new meter."),
             # Not a payment benefit: no criterion the checker applies; who qualifies is the note.
             criteria_note=T(ul("Частный (индивидуальный) жилой дом, садовый дом или гараж",
                                "Счётчик сломан, утерян или истёк срок его поверки или службы"),
                             ul("A private house, summer house or garage",
                                "The meter is broken, lost, or its calibration or service life has expired")),
             rule=T(p("Сетевая компания меняет счётчик бесплатно и подключает его к интеллектуальной системе "
                      "учёта. Срок замены — в течение 6 месяцев после обращения. Подробнее — в инструкции "
                      + link("services/meter-replacement", "«Как заменить счётчик»") + "."),
                    p("The grid company replaces the meter free of charge and connects it to the smart "
                      "metering system, within 6 months of your request. Step by step: "
                      + link("services/meter-replacement", "how to replace a meter") + ".")),
             documents=T(items("document", "Заявление (можно через форму обращения на сайте)",
                               "Паспорт собственника", "Последние показания счётчика"),
                         items("document", "Request (you can use the request form on this site)",
                               "Owner's passport", "Latest meter reading")),
             responsible_body=bodies["grid_metering"],
             processing_time=T("до 6 месяцев", "up to 6 months"), legal_act=acts["fz_522"]),
    ]

