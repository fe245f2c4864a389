import io

import pytest
from django.core.management import call_command

from search.models import IndexEntry, QueryLogEntry, SynonymGroup
from tests.search.factories import question


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(user)
    return client


def test_rebuild_command_reports_counts_and_progress(home):
    question(home, "a", "Тариф", "Ответ.")
    question(home, "b", "Счётчик", "Ответ.")
    IndexEntry.objects.all().delete()
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    text = out.getvalue()
    assert "100%" in text and "(2/2)" in text
    assert "Indexed 2 pages (ru: 2, en: 2 documents)" in text
    assert IndexEntry.objects.count() == 4


def test_initial_synonyms_cover_the_issue_list(db):
    text = " | ".join(SynonymGroup.objects.values_list("terms", flat=True)).lower()
    for term in ["тп", "техприсоединение", "технологическое присоединение", "цок", "центр обслуживания клиентов",
                 "свет", "электроэнергия", "электричество", "жку", "коммунальные услуги", "счетчик", "прибор учета",
                 "пу", "льгота", "компенсация", "grid connection", "customer service centre", "meter"]:
        assert term in text, term


def test_synonyms_and_query_log_in_admin(admin_client, home):
    assert admin_client.get("/admin/snippets/portal_search/synonymgroup/").status_code == 200
    QueryLogEntry.objects.create(week_start="2026-01-05", lang="ru", query="тариф", searches=3, no_results=1)
    response = admin_client.get("/admin/search_query_log/")
    assert response.status_code == 200 and "тариф" in response.content.decode()
