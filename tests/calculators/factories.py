"""The calculators' view of the shared factories: the same models, with the defaults their worked
examples assume (a household category, open-ended rates, the 116-пп income ceilings)."""
import datetime

import factory

from tests import factories as shared
from tests.factories import LegalActFactory


class ConnectionFeePageFactory(shared.ConnectionFeePageFactory):
    pass


class ApplicantCategoryFactory(shared.ApplicantCategoryFactory):
    page = factory.SubFactory(ConnectionFeePageFactory)
    code = "household"  # the code that may get the preferential rate
    name = "Физическое лицо до 15 кВт для бытовых нужд"
    name_en = "Individual up to 15 kW for household use"


class StandardizedRateFactory(shared.StandardizedRateFactory):
    page = factory.SubFactory(ConnectionFeePageFactory)
    voltage = "0.4"
    area = "any"
    effective_to = None


class PreferentialRateFactory(shared.PreferentialRateFactory):
    page = factory.SubFactory(ConnectionFeePageFactory)
    max_kw = 15
    max_distance_town_m = 300
    max_distance_rural_m = 500
    effective_to = None


class ResponsibleBodyFactory(shared.ResponsibleBodyFactory):
    name = "ГКУ АО «Архангельский областной центр социальной защиты населения»"
    name_en = "Arkhangelsk Regional Social Protection Centre"
    short_name = "Центр социальной защиты"
    short_name_en = "Social protection centre"
    address = "Архангельск, ул. Примерная, 1"
    hours = ""
    phone = "8 (8182) 00-00-00"
    website = "https://example.org/social"


class SubsidyPageFactory(shared.SubsidyPageFactory):
    title = factory.Sequence(lambda n: f"Субсидия на оплату ЖКУ {n}")
    title_en = factory.Sequence(lambda n: f"Housing and utility subsidy {n}")
    responsible_body = factory.SubFactory(ResponsibleBodyFactory)


class IncomeCeilingFactory(shared.IncomeCeilingFactory):
    page = factory.SubFactory(SubsidyPageFactory)
    effective_to = None
    legal_act = factory.SubFactory(LegalActFactory, title="Постановление о предельном доходе",
                                   title_en="Decree on income ceilings", number="116-пп",
                                   date=datetime.date(2023, 2, 9), issuer="Правительство Архангельской области")


class TypicalZoneShareFactory(factory.django.DjangoModelFactory):
    """A group's typical night and peak shares, which the bill estimator assumes for a monthly total."""

    consumer_group = "urban_gas"
    night_percent = 30
    peak_percent = 30
    source = "Средняя доля по зонным счётчикам группы"

    class Meta:
        model = "cms_pages.TypicalZoneShare"
