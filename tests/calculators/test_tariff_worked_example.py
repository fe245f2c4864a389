"""A tariff page's worked example is the bill estimator's answer, or the page is not published (issue 13).

The example (a household group, a rate type, kWh a month, an optional night share, a date and the
stated amount) is priced by ``calculators.rules.bill.estimate_bill`` with the page's own tariffs and
typical night shares, as the edit form submits them; every path to the public site refuses a
wrong amount: the edit form, a moderator's approval and bulk publishing.
"""
import datetime
import re
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import TaskState
from wagtail.test.utils.form_data import querydict_from_html

from cms_pages import content_checks
from cms_pages.models import BillToolPage, TariffPage
from tests.calculators import factories as f
from tests.editorial.conftest import editor, login, moderator  # noqa: F401  (fixtures)
from tests.factories import SectionPageFactory

pytestmark = pytest.mark.django_db
MARCH = datetime.date(2026, 3, 1)
# 300 kWh with the group's typical 30 % at night: 210 × 7.00 + 90 × 3.50 = 1 470 + 315 (VAT included)
RIGHT = D("1785.00")


@pytest.fixture
def tariff(tariff_page):
    f.TypicalZoneShareFactory(page=tariff_page, consumer_group="urban_gas", night_percent=30, peak_percent=30)
    tariff_page.example_consumer_group, tariff_page.example_rate_type = "urban_gas", "two_zone"
    tariff_page.example_kwh, tariff_page.example_date, tariff_page.example_amount = D("300"), MARCH, RIGHT
    tariff_page.example_text = "Выгоден ли двухзонный счётчик при 300 кВт·ч в месяц?"
    tariff_page.example_text_en = "Does a two-zone meter pay off at 300 kWh a month?"
    tariff_page.save_revision().publish()
    return TariffPage.objects.get(pk=tariff_page.pk)


@pytest.fixture
def bill_tool(home):
    section = SectionPageFactory(parent=home, title="Тарифы", title_en="Tariffs", slug="tarify-s", slug_en="tariffs-s")
    page = BillToolPage(title="Калькулятор счёта", title_en="Bill calculator", slug="kalkulyator-scheta",
                        slug_en="bill-calculator")
    section.add_child(instance=page)
    page.save_revision().publish()
    return page


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def form_data(client, page, **fields):
    response = client.get(edit_url(page))
    assert response.status_code == 200
    html = response.content.decode()
    data = querydict_from_html(html, form_id="page-edit-form").dict()
    # a checked checkbox without a value attribute is sent as "on" by browsers (the helper sends "")
    for name in re.findall(r'<input type="checkbox" name="([^"]+)"[^>]* checked>', html):
        data[name] = "on"
    data.update({k: str(v) for k, v in fields.items()})
    return data


def publish(client, page, **fields):
    data = form_data(client, page, **fields)
    data["action-publish"] = "action-publish"
    return client.post(edit_url(page), data)


def form_errors(response):
    form = response.context and response.context.get("form")
    return (form.errors, [fs.errors for fs in getattr(form, "formsets", {}).values()]) if form else None


def text(response):
    return re.sub(r"\s+", " ", response.content.decode()).replace("\u00a0", " ")


def test_the_agreeing_example_publishes(admin_client, tariff):
    response = publish(admin_client, tariff, example_kwh="300.00", example_amount="1785")
    assert response.status_code == 302, form_errors(response)
    tariff.refresh_from_db()
    assert tariff.example_amount == RIGHT and not tariff.has_unpublished_changes


def test_a_wrong_amount_is_refused_in_the_edit_form_with_both_figures(admin_client, tariff):
    response = publish(admin_client, tariff, example_amount="1700")
    body = text(response)
    assert response.status_code == 200
    assert "пример расчёта не сходится с инструментом" in body
    assert "«Калькулятор счёта за электроэнергию»" in body
    assert "на странице указано 1 700,00 ₽" in body and "на 01.03.2026 даёт 1 785,00 ₽" in body
    tariff.refresh_from_db()
    assert tariff.example_amount == RIGHT  # the live page is unchanged


def test_the_check_uses_the_night_share_and_the_records_being_published(admin_client, tariff):
    # a typed night share of 50 %: 150 × 7.00 + 150 × 3.50
    assert "даёт 1 575,00 ₽" in text(publish(admin_client, tariff, example_night_percent="50"))
    # the night price edited in the same form: 210 × 7.00 + 90 × 4.00
    data = form_data(admin_client, tariff)
    row = next(k[:-len("-zone")] for k, v in data.items()
               if k.startswith("tariffs-") and k.endswith("-zone") and v == "night"
               and data[k[:-len("-zone")] + "-rate_type"] == "two_zone")
    data[f"{row}-price"] = "4.00"
    data["action-publish"] = "action-publish"
    response = admin_client.post(edit_url(tariff), data)
    assert response.status_code == 200 and "даёт 1 830,00 ₽" in text(response)
    data["example_amount"] = "1830"
    assert admin_client.post(edit_url(tariff), data).status_code == 302


def test_the_single_rate_example_is_the_single_rate_price(admin_client, tariff):
    assert publish(admin_client, tariff, example_rate_type="single", example_amount="1977").status_code == 302


def test_an_example_the_estimator_cannot_price_is_refused_with_the_reason(admin_client, tariff):
    response = publish(admin_client, tariff, example_date="01.01.2020")  # no tariffs on that date
    assert response.status_code == 200
    assert "Пример расчёта нельзя проверить калькулятором" in text(response)
    response = publish(admin_client, tariff, example_kwh="", example_amount="1785")
    assert "не заполнены группа потребителей, расход и дата" in text(response)


def test_a_wrong_amount_may_be_saved_as_a_draft(admin_client, tariff):
    response = admin_client.post(edit_url(tariff), form_data(admin_client, tariff, example_amount="1700"))
    assert response.status_code == 302
    draft = TariffPage.objects.get(pk=tariff.pk).get_latest_revision_as_object()
    assert draft.example_amount == D("1700")
    assert any("«Калькулятор счёта за электроэнергию»" in m for m in content_checks.object_messages(draft))


@pytest.fixture
def submitted_wrong_amount(tariff, editor):  # noqa: F811
    """A wrong amount that reached moderation without the edit form (an import, an older revision)."""
    page = TariffPage.objects.get(pk=tariff.pk)
    page.example_amount = D("1700")
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return page


def test_a_moderator_cannot_approve_a_wrong_amount(client, login, moderator, submitted_wrong_amount):  # noqa: F811
    page = submitted_wrong_amount
    login(moderator)
    task_state = TaskState.objects.get(workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS)
    response = client.post(reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)),
                           {"comment": ""})
    assert response.status_code == 302 and response["Location"] == edit_url(page)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    page.refresh_from_db()
    assert page.example_amount == RIGHT
    assert "даёт 1 785,00 ₽" in text(client.get(response["Location"]))


def test_bulk_publishing_refuses_a_wrong_amount(client, login, moderator, submitted_wrong_amount):  # noqa: F811
    page = submitted_wrong_amount
    login(moderator)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={page.pk}&next=/admin/"
    assert client.post(url, {}).status_code == 302
    page.refresh_from_db()
    assert page.example_amount == RIGHT and page.has_unpublished_changes
    # ...and with the right amount bulk publishing goes through
    draft = page.get_latest_revision_as_object()
    draft.example_amount = RIGHT
    draft.save_revision(user=moderator)
    assert client.post(url, {}).status_code == 302
    page.refresh_from_db()
    assert not page.has_unpublished_changes


def test_the_page_shows_the_example_in_both_languages_and_the_tool_reproduces_it(client, tariff, bill_tool):
    html = text(client.get(tariff.url))
    assert "Пример расчёта" in html
    assert "расход 300 кВт·ч в месяц, тарифы на 01.03.2026" in html
    assert "Ночью — 30 % расхода, типичная доля для этой группы." in html
    assert "Счёт за месяц — 1 785,00 ₽ с НДС." in html
    assert "Выгоден ли двухзонный счётчик" in html
    with translation.override("en"):
        english = text(client.get(tariff.get_url()))
    assert "Worked example" in english and "1,785.00 RUB" in english and "Does a two-zone meter pay off" in english
    link = re.search(r'<a href="([^"]*calculate=1[^"]*)">[^<]*калькулятор', client.get(tariff.url).content.decode())
    answer = text(client.get(link.group(1).replace("&amp;", "&")))
    assert 'name="total_kwh" value="300.00"' in answer or 'value="300.00"' in answer
    assert "Двухзонный тариф (день/ночь) — 1 785,00 ₽ в месяц" in answer or "1 785,00" in answer


def test_the_demo_tariff_example_agrees_with_the_estimator(db):
    from django.core.management import call_command
    call_command("load_demo", verbosity=0)
    checked = [p for p in TariffPage.objects.live() if p.example_amount is not None]
    assert checked, "the demo electricity tariff page has a worked example"
    for page in checked:
        assert content_checks.worked_example_problems(page) == [], page.title
        assert page.example_text_en
