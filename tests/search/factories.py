"""Small page builders for search tests (the full sample tree is in search.evaluation.sample_content)."""
import datetime
from decimal import Decimal

from cms_pages import models as m


def question(parent, slug, title, answer, title_en="", answer_en="", phrasings="", live=True):
    page = m.QuestionPage(title=title, title_en=title_en or title, slug=slug, slug_en=slug,
                          summary=answer, short_answer=answer, short_answer_en=answer_en or answer,
                          alternative_phrasings=phrasings, live=live)
    parent.add_child(instance=page)
    return page


def publish(page):
    """Publish through a revision, as an editor does, so page_published fires."""
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    return page


def tariff_page(parent, slug="tarify", title="Тарифы на электроэнергию"):
    page = m.TariffPage(title=title, title_en="Electricity tariffs", slug=slug, slug_en=slug,
                        summary="Цены за киловатт-час для населения.")
    parent.add_child(instance=page)
    return page


def tariff(page, price, start, end=None, zone="all_day", rate_type="single", hours=""):
    return m.TariffRecord.objects.create(page=page, consumer_group="urban_gas", rate_type=rate_type, zone=zone,
                                         hours=hours, price=Decimal(price), effective_from=start, effective_to=end)


TODAY = datetime.date.today()
