"""With the database down or read-only, pages answer 503 clearly and typed text is shown back."""
import pytest
from django.db import OperationalError, connection


def _fail_everything(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


def _fail_writes(execute, sql, params, many, context):
    if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
        raise OperationalError("attempt to write a readonly database")
    return execute(sql, params, many, context)


def test_pages_answer_503_when_the_database_is_down(client, home):
    with connection.execute_wrapper(_fail_everything):
        response = client.get("/ru/")
    assert response.status_code == 503
    body = response.content.decode()
    assert "Сервис временно недоступен" in body
    assert "8-800-220-0-220" in body
    assert response["Retry-After"]


def test_english_visitors_get_the_503_page_in_english(client, home):
    with connection.execute_wrapper(_fail_everything):
        response = client.get("/en/")
    assert response.status_code == 503
    assert 'lang="en"' in response.content.decode()


def test_a_submission_to_a_read_only_database_shows_back_what_was_typed(client, home):
    from tests.factories import SectionPageFactory

    page = SectionPageFactory(parent=home)
    answer = client.post("/ru/feedback/", {"useful": "no", "page": str(page.pk)})
    assert answer.status_code == 303
    with connection.execute_wrapper(_fail_writes):
        response = client.post(answer["Location"], {"comment": "Не нашёл тариф для дома с электроплитой"})
    assert response.status_code == 503
    body = response.content.decode()
    assert "Ваше обращение не отправлено" in body
    assert "Не нашёл тариф для дома с электроплитой" in body
