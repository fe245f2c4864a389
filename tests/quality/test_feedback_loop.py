"""The editors' feedback loop in the admin: complaints by topic, least useful pages, searches
without result, side by side, each linking to what to change."""
import datetime

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_feedback_loop_side_by_side_with_links(client, known_cases):
    from django.contrib.auth.models import User
    from search.models import QueryLogEntry

    QueryLogEntry.objects.create(week_start=datetime.date(2026, 8, 3), lang="ru", query="счётчик сломался",
                                 searches=6, no_results=4)
    QueryLogEntry.objects.create(week_start=datetime.date(2026, 8, 3), lang="ru", query="тариф", searches=50, no_results=0)
    client.force_login(User.objects.create_superuser("boss", "boss@example.ru", "x"))
    response = client.get("/admin/reports/feedback-loop/?period=2026-q3")
    assert response.status_code == 200
    html = response.content.decode()
    topics = html.split('id="loop-topics"', 1)[1].split("</section>", 1)[0]
    # supply quality: 5 complaints (1 unsatisfied); tariff: 1 unsatisfied rating (a5)
    assert topics.index("Жалоба на качество электроснабжения") < topics.index("Вопрос о тарифе")
    assert "?request_type=supply_quality" in topics
    assert "/admin/case_routing_rules/edit/" in topics or "routing" in topics
    pages = html.split('id="loop-pages"', 1)[1].split("</section>", 1)[0]
    assert reverse("wagtailadmin_pages:edit", args=[known_cases.pk]) in pages
    assert "2 / 10" in pages
    searches = html.split('id="loop-searches"', 1)[1].split("</section>", 1)[0]
    assert "счётчик сломался" in searches and "тариф" not in searches.replace("рекомендуемый", "")
    assert reverse("wagtailsearchpromotions:add") in searches


def test_feedback_loop_needs_page_permissions(client, known_cases):
    from django.contrib.auth.models import Permission, User

    user = User.objects.create_user("nobody", "n@example.ru", "x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/reports/feedback-loop/").status_code in (302, 403)
