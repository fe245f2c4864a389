"""Factories for pages and snippets (wagtail-factories), shared by every test module."""
import datetime
from decimal import Decimal

import factory
import wagtail_factories
from wagtail.models import Page, Site

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
    """A Site whose root is a fresh HomePage, as load_demo makes it."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(is_default_site=True,
                                  defaults={"hostname": "localhost", "port": 80, "root_page": home,
                                            "site_name": "Единое окно"})
    return home
