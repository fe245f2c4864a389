"""The demo cases make the report page show figures after bin/serve; loading twice adds nothing."""
import re

import pytest

from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def test_demo_cases_fill_the_report(client, home):
    from cases.models import Case
    from demo import quality as quality_demo

    page = ContentPageFactory(parent=home, title="Страница")
    assert quality_demo.load([page]) == quality_demo.COUNT
    assert quality_demo.load([page]) == 0
    assert Case.objects.filter(reference__startswith="DQ").count() == quality_demo.COUNT
    html = client.get("/ru/service-quality/?period=" + _recent_quarter()).content.decode()
    total = re.search(r'<tr data-key="total">\s*<th scope="row">Всего</th>\s*<td class="numeric">([^<]+)</td>', html)
    assert total and total.group(1) not in ("0", "менее 5")


def _recent_quarter():
    from django.utils import timezone

    from quality.rules import periods
    return periods.last_complete(timezone.localdate()).slug
