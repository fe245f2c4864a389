"""One page of every type, with realistic blocks, for the browser checks (live_server flushes the DB)."""
import datetime
import json
from decimal import Decimal

from django.core import signing

from tests import factories as f

D = datetime.date
TODAY = datetime.date.today()


def _body():
    blocks = [
        {"type": "heading", "value": {"text": "Кому это нужно", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Текст раздела с <a href=\"/ru/\">ссылкой на главную страницу</a>.</p>"},
        {"type": "callout", "value": {"kind": "warning", "title": "Важно",
                                       "text": "<p>Проверьте данные перед отправкой.</p>"}},
        {"type": "heading", "value": {"text": "Подробности", "level": "h3"}},
        {"type": "paragraph", "value": "<ul><li>Первый пункт</li><li>Второй пункт</li></ul>"},
    ]
    blocks.insert(3, {"type": "table", "value": {"caption": "Сроки рассмотрения", "table": {
            "columns": [{"type": "text", "heading": "Обращение"}, {"type": "number", "heading": "Срок, дней"}],
            "rows": [{"values": ["Жалоба", "30"]}, {"values": ["Заявка на подключение", "6"]}]}}})
    return json.dumps(blocks)


def ensure_tree_root():
    """live_server tests flush the database, including the Locale and the tree root migrations made
    (and the request routes and connection stages: ``tests.migration_data``)."""
    from django.conf import settings
    from wagtail.models import Locale, Page

    from tests import migration_data

    migration_data.restore()

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", url_path="/"))


def build_site():
    """Create one page of every type; returns {name: page}."""
    ensure_tree_root()
    home = f.make_site()
    home.intro = "Всё о подключении, тарифах и обращениях."
    home.save()
    pages = {"home": home}
    act = f.LegalActFactory(number="81-э/5", is_demo=True)
    section = f.SectionPageFactory(parent=home, title="Потребителям", title_en="Customers",
                                   slug="potrebitelyam", slug_en="customers", show_in_menus=True,
                                   intro="Всё для клиентов.")
    pages["section"] = section
    pages["content"] = f.ContentPageFactory(parent=section, body=_body(), slug="o-dostupnosti",
                                            slug_en="accessibility")
    tariff = f.TariffPageFactory(parent=section, title="Тарифы на электроэнергию", title_en="Electricity tariffs",
                                 summary="Цены для населения.", summary_en="Prices for households.")
    common = dict(page=tariff, legal_act=act)
    f.TariffRecordFactory(**common, price=Decimal("6.59"), effective_from=TODAY.replace(month=1, day=1),
                          effective_to=None)
    f.TariffRecordFactory(**common, rate_type="two_zone", zone="day", hours="07:00–23:00",
                          price=Decimal("7.10"), effective_from=TODAY.replace(month=1, day=1))
    f.TariffRecordFactory(**common, rate_type="two_zone", zone="night", hours="23:00–07:00",
                          price=Decimal("3.40"), effective_from=TODAY.replace(month=1, day=1))
    f.TariffRecordFactory(**common, consumer_group="urban_electric_rural", band=1, band_limit_kwh=3900,
                          price=Decimal("4.61"), effective_from=TODAY.replace(month=1, day=1))
    pages["tariff"] = tariff
    pages["procedure"] = f.ProcedurePageFactory(
        parent=section, title="Как подключить дом", title_en="How to connect a house",
        total_time="до 4 месяцев", total_cost="от 5 000 руб.",
        steps=[f.step("Подайте заявку", "and", documents=["Паспорт", "План участка"], deadline="6 рабочих дней",
                      cost="бесплатно", responsible="Сетевая компания"),
               f.step("Оплатите счёт", "or"), f.step("Дождитесь подключения")])
    fee = f.ConnectionFeePageFactory(parent=section)
    f.ApplicantCategoryFactory(page=fee)
    f.StandardizedRateFactory(page=fee, legal_act=act, effective_from=TODAY.replace(month=1, day=1))
    f.PreferentialRateFactory(page=fee, legal_act=act, effective_from=TODAY.replace(month=1, day=1))
    pages["connection_fee"] = fee
    subsidy = f.SubsidyPageFactory(parent=section)
    f.IncomeCeilingFactory(page=subsidy, legal_act=act)
    f.IncomeCeilingFactory(page=subsidy, legal_act=act, family_size=2, heating_season=Decimal("38500"),
                           non_heating_season=Decimal("31000"))
    pages["subsidy"] = subsidy
    pages["question"] = f.QuestionPageFactory(parent=section)
    centres = f.ServiceCentreIndexPageFactory(parent=home, show_in_menus=True)
    pages["centre_index"] = centres
    centre = f.ServiceCentrePageFactory(parent=centres)
    for day in range(5):
        f.OpeningHoursFactory(page=centre, weekday=day)
    pages["centre"] = centre
    news = f.NewsIndexPageFactory(parent=home, show_in_menus=True)
    pages["news_index"] = news
    pages["news"] = f.NewsPageFactory(parent=news, body=_body())
    f.AlertBannerFactory()
    from tests.outages import factories as of
    town = of.settlement("Котлас", slug="kotlas", name_en="Kotlas")
    of.consent_text()
    pages["_outage"] = of.outage([(town, of.street(town, "ул. Ленина", "Lenina St"), "1-15")])
    return pages


def feedback_comment_path(page, language="ru"):
    from feedback.models import PageFeedback
    from feedback.views import TOKEN_SALT

    item = PageFeedback.objects.create(page=page, useful=False, language=language)
    return f"/{language}/feedback/{signing.dumps(item.pk, salt=TOKEN_SALT)}/"


def page_path(page, language):
    from django.utils import translation

    with translation.override(language):
        return page.specific.get_url_parts()[2]
