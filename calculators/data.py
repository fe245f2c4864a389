"""The published records the calculators read: only from live, public pages.

A record on a draft or unpublished page never reaches a calculator, so the calculators say
exactly what the pages say. Wagtail writes a page's inline records to the database only on
publish, so reading them from a live page gives the published version.
"""
from cms_pages.models import ConnectionFeePage, SubsidyPage, TariffPage

from calculators.rules.eligibility import Benefit
from cms_pages.codes import ELECTRICITY


def _live(model):
    return model.objects.live().public().order_by("path")


def connection_source():
    """(page, categories, standardized rates, preferential rates, deadline tiers) of the first live fee page."""
    page = _live(ConnectionFeePage).first()
    if page is None:
        return None, [], [], [], []
    return (page, list(page.categories.all()),
            list(page.standard_rates.all().select_related("legal_act")),
            list(page.preferential_rates.all().select_related("legal_act")),
            list(page.deadlines.all().select_related("legal_act")))


def tariff_source():
    """(pages, records, zone shares): every record and typical zone share of the live electricity tariff pages."""
    pages = list(_live(TariffPage).filter(kind=ELECTRICITY))
    records, shares = [], []
    for page in pages:
        records.extend(page.tariffs.all().select_related("legal_act"))
        shares.extend(page.night_shares.all())
    return pages, records, shares


def benefit_from_page(page, income_ceilings=None, criteria=None):
    """The checker's ``Benefit`` for a subsidy page: its criteria, exactly as the page lists them.

    ``income_ceilings`` and ``criteria`` replace the page's saved records (a page being published is
    checked with the records in its form)."""
    if income_ceilings is None:
        income_ceilings = list(page.income_ceilings.all().select_related("legal_act"))
    if criteria is None:
        criteria = list(page.criteria.all())
    return Benefit(
        title=page.title, url=(page.url or "") if page.pk else "",
        criteria=tuple(c.rule() for c in criteria),
        compensation_percent=page.compensation_percent,
        income_ceilings=list(income_ceilings),
        documents=[str(block.value) for block in page.documents],
        responsible_body=page.responsible_body, processing_time=page.processing_time or "",
        legal_act=page.legal_act, source=page,
    )


def benefits():
    pages = _live(SubsidyPage).select_related("responsible_body", "legal_act").prefetch_related("criteria")
    return [benefit_from_page(page) for page in pages]
