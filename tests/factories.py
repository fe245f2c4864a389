"""Factories for pages and snippets (wagtail-factories), shared by every test module."""
import datetime
from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Page, Site

from cms_pages import codes
from cms_pages import models as m


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Единое окно"
    title_en = "Single Window"
    slug = "home"

    class Meta:
        model = m.HomePage


class SectionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Раздел {n}")
    title_en = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"razdel-{n}")
    slug_en = factory.Sequence(lambda n: f"section-{n}")

    class Meta:
        model = m.SectionPage


class LegalActFactory(factory.django.DjangoModelFactory):
    title = "Приказ об установлении тарифов"
    title_en = "Order setting tariffs"
    number = factory.Sequence(lambda n: f"{n}-э/1")
    date = datetime.date(2025, 12, 19)
    issuer = "Агентство по тарифам и ценам Архангельской области"

    class Meta:
        model = m.LegalAct


class TariffPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Тарифы {n}")
    title_en = factory.Sequence(lambda n: f"Tariffs {n}")
    slug = factory.Sequence(lambda n: f"tarify-{n}")
    slug_en = factory.Sequence(lambda n: f"tariffs-{n}")

    class Meta:
        model = m.TariffPage


class TariffRecordFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(TariffPageFactory)
    consumer_group = "urban_gas"
    rate_type = "single"
    zone = "all_day"
    price = Decimal("6.59")
    effective_from = datetime.date(2026, 1, 1)
    effective_to = datetime.date(2026, 6, 30)
    legal_act = factory.SubFactory(LegalActFactory)

    class Meta:
        model = m.TariffRecord


def make_site():
    """A Site whose root is a fresh HomePage, as load_demo makes it.

    Transactional (live-server) tests flush the database, the Locale and the tree root included,
    so both are recreated when missing.
    """
    from django.conf import settings
    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", url_path="/"))
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(is_default_site=True,
                                  defaults={"hostname": "localhost", "port": 80, "root_page": home,
                                            "site_name": "Единое окно"})
    return home


# --- Every page type and its records (added for the public page tests; others may reuse them) ---

class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Страница {n}")
    title_en = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"stranica-{n}")
    slug_en = factory.Sequence(lambda n: f"page-{n}")
    summary = "Краткое описание страницы."
    summary_en = "A short summary of the page."

    class Meta:
        model = m.ContentPage


class ConnectionFeePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Плата за присоединение {n}")
    title_en = factory.Sequence(lambda n: f"Connection fees {n}")
    slug = factory.Sequence(lambda n: f"plata-{n}")
    slug_en = factory.Sequence(lambda n: f"fees-{n}")

    class Meta:
        model = m.ConnectionFeePage


class ApplicantCategoryFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ConnectionFeePageFactory)
    code = "household-15"
    name = "Физические лица до 15 кВт"
    name_en = "Individuals up to 15 kW"
    max_kw = Decimal("15")

    class Meta:
        model = m.ApplicantCategory


class StandardizedRateFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ConnectionFeePageFactory)
    code = "C1"
    unit = "connection"
    amount = Decimal("19745.00")
    effective_from = datetime.date(2026, 1, 1)
    legal_act = factory.SubFactory(LegalActFactory)

    class Meta:
        model = m.StandardizedRate


class PreferentialRateFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ConnectionFeePageFactory)
    kind = "preferential"
    rub_per_kw = Decimal("5000.00")
    effective_from = datetime.date(2026, 1, 1)
    legal_act = factory.SubFactory(LegalActFactory)

    class Meta:
        model = m.PreferentialRate


class ResponsibleBodyFactory(factory.django.DjangoModelFactory):
    name = "Отдел социальной защиты населения"
    name_en = "Social protection office"
    address = "Архангельск, ул. Выучейского, 18"
    hours = "Пн–Пт 9:00–17:00"
    phone = "8 (8182) 20-00-00"

    class Meta:
        model = m.ResponsibleBody


class SubsidyPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Субсидия {n}")
    title_en = factory.Sequence(lambda n: f"Subsidy {n}")
    slug = factory.Sequence(lambda n: f"subsidiya-{n}")
    slug_en = factory.Sequence(lambda n: f"subsidy-{n}")
    # the housing subsidy's criteria (Decree 761): payments over 22 % of income, income within the ceiling
    criteria = factory.LazyFunction(lambda: [m.SubsidyCriterion(kind=codes.PAYMENT_SHARE, percent=Decimal("22")),
                                             m.SubsidyCriterion(kind=codes.INCOME_CEILING)])
    processing_time = "10 рабочих дней"
    processing_time_en = "10 working days"
    responsible_body = factory.SubFactory(ResponsibleBodyFactory)

    class Meta:
        model = m.SubsidyPage


class IncomeCeilingFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(SubsidyPageFactory)
    family_size = 1
    heating_season = Decimal("28000.00")
    non_heating_season = Decimal("22000.00")
    effective_from = datetime.date(2023, 2, 9)
    legal_act = factory.SubFactory(LegalActFactory)

    class Meta:
        model = m.IncomeCeiling


def step(title, connector="", **extra):
    """One StepBlock value (raw form) for ProcedurePageFactory(steps=[...])."""
    return {"type": "step", "value": {
        "title": title, "what_to_do": f"<p>{title}: подробно.</p>", "documents": extra.get("documents", []),
        "responsible": extra.get("responsible", ""), "deadline": extra.get("deadline", ""),
        "cost": extra.get("cost", ""), "connector": connector,
    }}


class ProcedurePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Процедура {n}")
    title_en = factory.Sequence(lambda n: f"Procedure {n}")
    slug = factory.Sequence(lambda n: f"procedura-{n}")
    slug_en = factory.Sequence(lambda n: f"procedure-{n}")
    request_type = "connection"
    steps = factory.LazyFunction(lambda: [step("Подайте заявку", "and"), step("Заключите договор")])

    class Meta:
        model = m.ProcedurePage


class ServiceCentreIndexPageFactory(wagtail_factories.PageFactory):
    title = "Центры обслуживания"
    title_en = "Service centres"
    slug = factory.Sequence(lambda n: f"centry-{n}")
    slug_en = factory.Sequence(lambda n: f"centres-{n}")

    class Meta:
        model = m.ServiceCentreIndexPage


class ServiceCentrePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Центр обслуживания {n}")
    title_en = factory.Sequence(lambda n: f"Service centre {n}")
    slug = factory.Sequence(lambda n: f"centr-{n}")
    slug_en = factory.Sequence(lambda n: f"centre-{n}")
    town = "Архангельск"
    town_en = "Arkhangelsk"
    address = "ул. Тестовая, 1"
    address_en = "1 Testovaya St"
    phones = "8 (8182) 63-60-60, 8-800-220-0-220"

    class Meta:
        model = m.ServiceCentrePage


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ServiceCentrePageFactory)
    weekday = 0
    opens = datetime.time(9, 0)
    closes = datetime.time(17, 0)

    class Meta:
        model = m.OpeningHours


class QuestionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Вопрос {n}?")
    title_en = factory.Sequence(lambda n: f"Question {n}?")
    slug = factory.Sequence(lambda n: f"vopros-{n}")
    slug_en = factory.Sequence(lambda n: f"question-{n}")
    short_answer = "Короткий ответ."
    short_answer_en = "A short answer."

    class Meta:
        model = m.QuestionPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Новости"
    title_en = "News"
    slug = factory.Sequence(lambda n: f"novosti-{n}")
    slug_en = factory.Sequence(lambda n: f"news-{n}")

    class Meta:
        model = m.NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Новость {n}")
    title_en = factory.Sequence(lambda n: f"News item {n}")
    slug = factory.Sequence(lambda n: f"novost-{n}")
    slug_en = factory.Sequence(lambda n: f"news-item-{n}")
    date = datetime.date(2026, 1, 15)
    summary = "Кратко о новости."

    class Meta:
        model = m.NewsPage


class AlertBannerFactory(factory.django.DjangoModelFactory):
    title = "Приём в центре обслуживания переносится"
    title_en = "Service centre hours change"
    message = "В пятницу центр обслуживания работает с 10:00 до 14:00."
    kind = "information"
    severity = "warning"
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    live = True

    class Meta:
        model = m.AlertBanner
