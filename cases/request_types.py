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
CALLBACK = "callback"

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
    (CALLBACK, _("Обратный звонок")),
]

# Types with a form of their own (not offered in the general request form's list of topics).
SEPARATE_FORM_TYPES = {CALLBACK}
# The topics of the general request form (and of a procedure page's "submit a request" button).
FORM_TYPE_CHOICES = [(value, label) for value, label in REQUEST_TYPE_CHOICES if value not in SEPARATE_FORM_TYPES]
