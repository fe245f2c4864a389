"""Factories for the pages the calculators read: connection fees, subsidies (tariffs are shared)."""
import datetime
from decimal import Decimal

import factory
import wagtail_factories

from cms_pages import models as m
from tests.factories import LegalActFactory


class ConnectionFeePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Плата за присоединение {n}")
    title_en = factory.Sequence(lambda n: f"Connection fees {n}")
    slug = factory.Sequence(lambda n: f"plata-{n}")
    slug_en = factory.Sequence(lambda n: f"fees-{n}")

    class Meta:
        model = m.ConnectionFeePage


class ApplicantCategoryFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ConnectionFeePageFactory)
    code = "household"
    name = "Физическое лицо до 15 кВт для бытовых нужд"
    name_en = "Individual up to 15 kW for household use"
    max_kw = Decimal("15")
    deadline = "4 месяца"
    deadline_en = "4 months"
    deadline_days = 120
    deadline_working_days = False

    class Meta:
        model = m.ApplicantCategory


class StandardizedRateFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ConnectionFeePageFactory)
    code = "C1"
    voltage = "0.4"
    area = "any"
    unit = "connection"
    amount = Decimal("19745.00")
    effective_from = datetime.date(2026, 1, 1)
    effective_to = None
    legal_act = factory.SubFactory(LegalActFactory)

    class Meta:
        model = m.StandardizedRate


class PreferentialRateFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ConnectionFeePageFactory)
    kind = "preferential"
    rub_per_kw = Decimal("5000.00")
    max_kw = Decimal("15")
    max_distance_town_m = 300
    max_distance_rural_m = 500
    effective_from = datetime.date(2026, 1, 1)
    effective_to = None
    legal_act = factory.SubFactory(LegalActFactory)

    class Meta:
        model = m.PreferentialRate


class ResponsibleBodyFactory(factory.django.DjangoModelFactory):
    name = "ГКУ АО «Архангельский областной центр социальной защиты населения»"
    name_en = "Arkhangelsk Regional Social Protection Centre"
    short_name = "Центр социальной защиты"
    short_name_en = "Social protection centre"
    address = "Архангельск, ул. Примерная, 1"
    phone = "8 (8182) 00-00-00"
    website = "https://example.org/social"

    class Meta:
        model = m.ResponsibleBody


class SubsidyPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Субсидия на оплату ЖКУ {n}")
    title_en = factory.Sequence(lambda n: f"Housing and utility subsidy {n}")
    slug = factory.Sequence(lambda n: f"subsidiya-{n}")
    slug_en = factory.Sequence(lambda n: f"subsidy-{n}")
    max_payment_share_percent = Decimal("22")
    responsible_body = factory.SubFactory(ResponsibleBodyFactory)
    processing_time = "10 рабочих дней"
    processing_time_en = "10 working days"

    class Meta:
        model = m.SubsidyPage


class IncomeCeilingFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(SubsidyPageFactory)
    family_size = 1
    heating_season = Decimal("28000")
    non_heating_season = Decimal("22000")
    effective_from = datetime.date(2023, 2, 9)
    effective_to = None
    legal_act = factory.SubFactory(LegalActFactory, title="Постановление о предельном доходе",
                                   title_en="Decree on income ceilings", number="116-пп",
                                   date=datetime.date(2023, 2, 9), issuer="Правительство Архангельской области")

    class Meta:
        model = m.IncomeCeiling
