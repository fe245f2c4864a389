"""'Is this page useful?': the journey without JavaScript, the stored data and the editors' report."""
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import signing

from feedback import rules
from feedback.models import PageFeedback
from tests.factories import SectionPageFactory


@pytest.fixture
def section(home):
    return SectionPageFactory(parent=home, title="Тарифы и оплата")


def answer(client, page, useful="yes"):
    return client.post("/ru/feedback/", {"page": page.pk, "useful": useful})


# ---- rules ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, hidden", [
    ("пишите на ivan.petrov@mail.ru пожалуйста", "ivan.petrov@mail.ru"),
    ("мой телефон +7 (8182) 12-34-56", "12-34-56"),
    ("звоните 89001234567", "89001234567"),
    ("лицевой счёт 1234 5678 9012", "1234 5678 9012"),
])
def test_redact_personal_data(text, hidden):
    cleaned = rules.redact_personal_data(text)
    assert hidden not in cleaned
    assert rules.REDACTED in cleaned


def test_redact_keeps_ordinary_numbers():
    text = "Тариф 6,59 руб. за 150 кВт в 2026 году"
    assert rules.redact_personal_data(text) == text


def test_parse_answer_and_percent():
    assert rules.parse_answer("yes") is True
    assert rules.parse_answer("NO") is False
    assert rules.parse_answer("maybe") is None and rules.parse_answer(None) is None
    assert rules.usefulness_percent(3, 1) == 75
    assert rules.usefulness_percent(0, 0) is None


# ---- the journey -------------------------------------------------------------------------

def test_yes_then_comment(client, section):
    response = answer(client, section, "no")
    assert response.status_code == 303
    item = PageFeedback.objects.get()
    assert item.page_id == section.pk and item.useful is False and item.language == "ru"
    comment_url = response["Location"]
    page = client.get(comment_url)
    assert page.status_code == 200
    assert "Что можно улучшить на этой странице?" in page.content.decode()
    done = client.post(comment_url, {"comment": "Непонятно, где часы ночного тарифа. Мой email a@b.ru"})
    assert done.status_code == 303
    item.refresh_from_db()
    assert item.comment.startswith("Непонятно, где часы ночного тарифа.")
    assert "a@b.ru" not in item.comment
    assert client.get(done["Location"]).status_code == 200


def test_too_long_comment_shows_error_summary_and_keeps_text(client, section):
    comment_url = answer(client, section)["Location"]
    text = "очень " * 300
    response = client.post(comment_url, {"comment": text})
    assert response.status_code == 400
    body = response.content.decode()
    assert "<title>Ошибка: " in body
    assert 'class="error-summary"' in body and "Есть ошибки" in body
    assert 'href="#id_comment"' in body
    assert 'aria-describedby="id_comment-hint id_comment-error"' in body
    assert text.strip() in body  # nothing the user typed is lost
    assert PageFeedback.objects.get().comment == ""


def test_no_personal_data_fields():
    names = {f.name for f in PageFeedback._meta.get_fields()}
    assert names == {"id", "page", "useful", "comment", "language", "created_on"}


@pytest.mark.parametrize("data", [{"useful": "yes"}, {"page": "abc", "useful": "yes"}, {"useful": "maybe"}])
def test_bad_answer_is_a_clear_400(client, section, data):
    data = {"page": section.pk, **data} if "page" not in data and data.get("useful") == "maybe" else data
    response = client.post("/ru/feedback/", data)
    assert response.status_code == 400
    assert "Не удалось принять ответ" in response.content.decode()
    assert not PageFeedback.objects.exists()


def test_home_page_does_not_take_feedback(client, home):
    assert client.post("/ru/feedback/", {"page": home.pk, "useful": "yes"}).status_code == 400


def test_forged_or_other_token_is_refused(client, section):
    assert client.get("/ru/feedback/not-a-token/").status_code == 400
    forged = signing.dumps(999999, salt="other")
    assert client.get(f"/ru/feedback/{forged}/").status_code == 400


def test_english_journey(client, section):
    response = client.post("/en/feedback/", {"page": section.pk, "useful": "yes"})
    assert response["Location"].startswith("/en/feedback/")
    body = client.get(response["Location"]).content.decode()
    assert "Thank you for your answer" in body
    assert PageFeedback.objects.get().language == "en"


def test_vote_needs_no_token_so_content_pages_stay_publicly_cacheable(section):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    page = strict.get(section.url)
    assert "csrfmiddlewaretoken" not in page.content.decode()
    assert "public" in page["Cache-Control"]
    vote = strict.post("/ru/feedback/", {"page": section.pk, "useful": "yes"})
    assert vote.status_code == 303


def test_comment_step_still_requires_csrf(section):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    comment_url = strict.post("/ru/feedback/", {"page": section.pk, "useful": "no"})["Location"]
    assert strict.post(comment_url, {"comment": "Мало примеров"}).status_code == 403
    body = strict.get(comment_url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    ok = strict.post(comment_url, {"comment": "Мало примеров", "csrfmiddlewaretoken": token})
    assert ok.status_code == 303


# ---- the editors' report -------------------------------------------------------------------

@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.invalid", "pass")
    client.force_login(user)
    return client


def test_report_per_page(admin_client, section, home):
    other = SectionPageFactory(parent=home, title="Подключение")
    PageFeedback.objects.create(page=section, useful=True)
    PageFeedback.objects.create(page=section, useful=False, comment="Нет часов зон")
    PageFeedback.objects.create(page=section, useful=False)
    PageFeedback.objects.create(page=other, useful=True)
    response = admin_client.get("/admin/reports/page-usefulness/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Тарифы и оплата" in body and "Подключение" in body
    rows = response.context["object_list"]
    first = rows[0]
    assert first.pk == section.pk  # most "no" answers first
    assert (first.yes_count, first.no_count, first.comment_count, first.useful_percent) == (1, 2, 1, 33)
    detail = admin_client.get(f"/admin/reports/page-usefulness/{section.pk}/")
    assert detail.status_code == 200
    assert "Нет часов зон" in detail.content.decode()
    export = admin_client.get("/admin/reports/page-usefulness/?export=csv")
    assert export.status_code == 200
    assert b"33" in b"".join(export.streaming_content) if hasattr(export, "streaming_content") else export.content


def test_report_needs_login(client, db):
    response = client.get("/admin/reports/page-usefulness/")
    assert response.status_code == 302
