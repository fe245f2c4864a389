"""«нет света Котлас»: the matching current outage first, then the way to report one."""
import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(home):
    call_command("load_demo_outages", verbosity=0)


def test_search_for_a_place_with_an_outage_shows_it_first(client, registry):
    html = client.get("/ru/search/", {"q": "нет света Новодвинск"}).content.decode()
    assert "Отключения электроэнергии" in html
    section = html.split('id="outages-answer-heading"')[1].split("</section>")[0]
    assert "/outages/" in section
    assert "/ru/requests/new/?type=outage" in section
    assert html.index("outages-answer-heading") < html.find("search-results") or "search-results" not in html


def test_power_cut_question_without_a_known_outage_offers_the_report(client, registry):
    response = client.get("/ru/search/", {"q": "нет света в Мирном"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "известных отключений нет" in html
    assert "/ru/requests/new/?type=outage" in html


def test_other_questions_get_no_outage_box(client, registry):
    html = client.get("/ru/search/", {"q": "субсидия на коммунальные услуги"}).content.decode()
    assert "outages-answer-heading" not in html


def test_root_api_search_answers_json(client, registry):
    response = client.get("/api/search", {"q": "тариф", "lang": "ru"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
