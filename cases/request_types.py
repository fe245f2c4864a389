"""The request types a citizen can choose; shared by the form, routing rules and procedure pages."""
from django.utils.translation import gettext_lazy as _

CONNECTION = "connection"
SUPPLY_QUALITY = "supply_quality"
OUTAGE = "outage"
SURGE_DAMAGE = "surge_damage"
METER = "meter"
BILL = "bill"
SUBSIDY = "subsidy"
TARIFF = "tariff"
APPEAL = "appeal"
PERSONAL_DATA = "personal_data"
HOME_VISIT = "home_visit"
ACCESSIBILITY = "accessibility"
OTHER = "other"

REQUEST_TYPE_CHOICES = [
    (CONNECTION, _("Подключение к сети (технологическое присоединение)")),
    (SUPPLY_QUALITY, _("Жалоба на качество электроснабжения")),
    (OUTAGE, _("Отключение электроэнергии или опасность")),
    (SURGE_DAMAGE, _("Ущерб от скачка напряжения")),
    (METER, _("Прибор учёта (счётчик)")),
    (BILL, _("Счёт, показания, перерасчёт")),
    (SUBSIDY, _("Субсидия или льгота")),
    (TARIFF, _("Вопрос о тарифе")),
    (APPEAL, _("Обжалование принятого решения")),
    (PERSONAL_DATA, _("Запрос о персональных данных")),
    (HOME_VISIT, _("Выезд специалиста на дом для клиента с инвалидностью")),
    (ACCESSIBILITY, _("Проблема доступности сайта или офиса")),
    (OTHER, _("Другое")),
]
