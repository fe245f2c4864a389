"""A page whose worked example contradicts its tool cannot be published (issue 13).

The example is computed by the tool's own rule function with the records being published; the
editor sees why, next to the result field, and can still save a draft.
"""
import re
from decimal import Decimal as D

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from cms_pages import content_checks
from cms_pages.models import ConnectionFeePage, SubsidyPage
from tests.calculators import factories as f

pytestmark = pytest.mark.django_db
STREAMS = {SubsidyPage: ("documents",), ConnectionFeePage: ()}


@pytest.fixture
def subsidy(home):
    """The housing subsidy as decree 761 has it: 22 %, ceilings by family size; the page's example."""
    page = f.SubsidyPageFactory(parent=home, documents=[], example_family_size=2,
                                example_income=D("36000"), example_payments=D("9500"),
                                example_heating_season=True, example_result=D("1580"))
    for size, heating, other in [(1, "28000", "22000"), (2, "38500", "31000"), (3, "50000", "42000")]:
        f.IncomeCeilingFactory(page=page, family_size=size, heating_season=D(heating), non_heating_season=D(other))
    page.save_revision().publish()
    return page


@pytest.fixture
def fee(fee_page):
    fee_page.example_category, fee_page.example_kw, fee_page.example_distance_m = "household", D("15"), D("300")
    fee_page.example_area, fee_page.example_fee = "town", D("75000.00")
    fee_page.save_revision().publish()
    return fee_page


def form_data(client, page, **fields):
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    html = response.content.decode()
    data = querydict_from_html(html, form_id="page-edit-form").dict()
    # a checked checkbox without a value attribute is sent as "on" by browsers (the helper sends "")
    for name in re.findall(r'<input type="checkbox" name="([^"]+)"[^>]* checked>', html):
        data[name] = "on"
    for name in STREAMS[type(page)]:
        for lang in ("ru", "en"):
            data = {k: v for k, v in data.items() if not k.startswith(f"{name}_{lang}")}
            data.update(nested_form_data({f"{name}_{lang}": streamfield([])}))
    data.update({k: str(v) for k, v in fields.items()})
    return data


def publish(client, page, **fields):
    data = form_data(client, page, **fields)
    data["action-publish"] = "action-publish"
    return client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_subsidy_example_with_a_wrong_result_is_not_published(admin_client, subsidy):
    response = publish(admin_client, subsidy, example_result="1500")
    body = text(response)
    assert response.status_code == 200
    assert "пример расчёта не сходится с инструментом" in body
    assert "на странице указано 1 500,00 ₽, а расчёт по тем же данным" in body.replace("\u00a0", " ")
    assert "даёт 1 580,00 ₽" in body.replace("\u00a0", " ")
    subsidy.refresh_from_db()
    assert subsidy.example_result == D("1580")  # the live page is unchanged


def test_the_correct_subsidy_example_publishes(admin_client, subsidy):
    response = publish(admin_client, subsidy, example_result="1580.00", example_payments="9500")
    assert response.status_code == 302
    subsidy.refresh_from_db()
    assert subsidy.example_result == D("1580.00") and not subsidy.has_unpublished_changes


def test_the_check_uses_the_ceilings_being_published(admin_client, subsidy):
    """Lowering the 2-person ceiling below the example's income makes the subsidy not due: 0, not 1 580."""
    data = form_data(admin_client, subsidy)
    row = next(k[:-len("-family_size")] for k, v in data.items() if k.endswith("-family_size") and v == "2")
    data[f"{row}-heating_season"] = "30000"
    data["action-publish"] = "action-publish"
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(subsidy.pk,)), data)
    assert response.status_code == 200
    assert "даёт 0,00 ₽" in text(response).replace("\u00a0", " ")
    data["example_result"] = "0"
    assert admin_client.post(reverse("wagtailadmin_pages:edit", args=(subsidy.pk,)), data).status_code == 302


def test_a_wrong_example_may_be_saved_as_a_draft(admin_client, subsidy):
    data = form_data(admin_client, subsidy, example_result="1500")
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(subsidy.pk,)), data)
    assert response.status_code == 302
    draft = SubsidyPage.objects.get(pk=subsidy.pk).get_latest_revision_as_object()
    assert draft.example_result == D("1500")
    # ...and the moderator's approval and bulk publishing see the same refusal
    messages = content_checks.object_messages(draft)
    assert any("не сходится с инструментом «Проверка права на субсидию и льготы»" in m for m in messages)


def test_a_connection_fee_example_with_a_wrong_fee_is_not_published(admin_client, fee):
    response = publish(admin_client, fee, example_fee="550")
    body = text(response).replace("\u00a0", " ")
    assert response.status_code == 200
    assert "на странице указано 550,00 ₽" in body and "даёт 75 000,00 ₽" in body
    assert "Калькулятор платы за подключение" in body


def test_the_correct_connection_fee_example_publishes(admin_client, fee):
    response = publish(admin_client, fee, example_fee="75000", example_distance_m="250")
    assert response.status_code == 302
    fee.refresh_from_db()
    assert fee.example_distance_m == D("250")


def test_an_example_the_calculator_cannot_compute_is_refused_with_the_reason(admin_client, fee):
    response = publish(admin_client, fee, example_kw="200")  # over the household category's 15 kW
    assert response.status_code == 200
    assert "Пример расчёта нельзя проверить калькулятором" in text(response)


def test_the_page_shows_its_example_and_the_tool_reproduces_it(client, subsidy, fee):
    html = text(client.get(subsidy.url)).replace("\u00a0", " ")
    assert "Пример расчёта" in html and "1 580,00 ₽ в месяц" in html and "36 000,00 ₽" in html
    link = re.search(r'<a href="([^"]*benefits/[^"]*calculate=1[^"]*)">', client.get(subsidy.url).content.decode())
    answer = text(client.get(link.group(1).replace("&amp;", "&"))).replace("\u00a0", " ")
    assert "около 1 580,00 ₽ в месяц" in answer
    html = text(client.get(fee.url)).replace("\u00a0", " ")
    assert "Плата — 75 000,00 ₽ с НДС." in html
    link = re.search(r'<a href="([^"]*connection-fee/[^"]*calculate=1[^"]*)">', client.get(fee.url).content.decode())
    answer = text(client.get(link.group(1).replace("&amp;", "&"))).replace("\u00a0", " ")
    assert "75 000,00 ₽ с НДС" in answer
    from django.utils import translation
    with translation.override("en"):
        english = text(client.get(subsidy.get_url()))
    assert "Worked example" in english and "1,580.00 RUB a month" in english


def test_the_demo_examples_agree_with_their_tools(db):
    """Every worked example in the demo content, through the checker (as publishing would)."""
    from django.core.management import call_command
    call_command("load_demo", verbosity=0)
    pages = [*SubsidyPage.objects.live(), *ConnectionFeePage.objects.live()]
    checked = [p for p in pages
               if getattr(p, "example_result", None) is not None or getattr(p, "example_fee", None) is not None]
    assert {type(p) for p in checked} == {SubsidyPage, ConnectionFeePage}
    for page in checked:
        assert content_checks.worked_example_problems(page) == [], page.title
