"""The read-only tariff archive (URL listed in cms_pages/admin_tariffs.py): who may open it, and
that it lists the archived prices of the latest revision, paginated."""
import datetime

import pytest
from django.urls import reverse

from cms_pages.admin_tariffs import PERIODS_PER_PAGE
from cms_pages.models import TariffPage
from demo.content import tariffs as demo
from tests.tariff_editor.conftest import add_records, demo_rows

pytestmark = pytest.mark.django_db


def archive_url(page, number=None):
    return reverse("tariff_archive:list", args=[page.pk]) + (f"?p={number}" if number else "")


def test_anonymous_is_sent_to_the_login_page(client, tariff_page):
    response = client.get(archive_url(tariff_page))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_an_officer_without_edit_permission_is_refused(client, tariff_page, officer):
    client.force_login(officer)
    response = client.get(archive_url(tariff_page), follow=True)  # Wagtail turns the 403 into the dashboard
    assert response.redirect_chain == [("/admin/", 302)]
    assert "Arkhangelsk" not in response.content.decode() and "Архангельск" not in response.content.decode()


def test_the_editor_sees_the_archive_read_only(client, tariff_page, editor):
    client.force_login(editor)
    response = client.get(archive_url(tariff_page))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Архангельск / <span lang=\"en\">Arkhangelsk</span>" in html  # the old period, with its English
    assert "01.01.2026–30.06.2026" in html and "01.07.2025–31.12.2025" in html
    assert "01.07.2026" not in html.split("Архив тарифов", 2)[-1].split("К редактированию")[0]  # not in force
    assert "<input" not in html.split('class="nice-padding"', 1)[1].split("К редактированию")[0]


def test_the_archive_is_paginated_newest_first(client, tariff_page, editor, acts):
    for year in range(2019, 2025):
        add_records(tariff_page, (datetime.date(year, 1, 1), datetime.date(year, 6, 30)), acts["old"],
                    demo_rows(demo.H1)[:3])
    TariffPage.objects.get(pk=tariff_page.pk).save_revision().publish()
    client.force_login(editor)
    first = client.get(archive_url(tariff_page)).content.decode()
    assert first.count("<h2>") == PERIODS_PER_PAGE
    assert "01.01.2026–30.06.2026" in first and "01.01.2019" not in first
    last = client.get(archive_url(tariff_page, 4)).content.decode()  # 8 periods, 2 a page
    assert "01.01.2019–30.06.2019" in last and "01.01.2026" not in last
    assert 'aria-current="page">4<' in last


def test_other_pages_are_404(client, home, editor):
    client.force_login(editor)
    assert client.get(reverse("tariff_archive:list", args=[home.pk]), follow=True).status_code == 404
    assert client.get(reverse("tariff_archive:list", args=[999999]), follow=True).status_code == 404
