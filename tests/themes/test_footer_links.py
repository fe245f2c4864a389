"""The service-quality report and the disclosure register are reachable from every page's footer."""
import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang, quality, disclosure", [
    ("ru", "Качество обслуживания: отчёт", "Раскрытие информации"),
    ("en", "Service quality report", "Information disclosure"),
])
def test_footer_links_to_the_quality_report_and_the_register(home, client, lang, quality, disclosure):
    body = client.get(f"/{lang}/").content.decode()
    footer = body[body.index('<footer class="site-footer">'):]
    assert f'href="/{lang}/service-quality/">{quality}</a>' in footer
    assert f'href="/{lang}/disclosure/">{disclosure}</a>' in footer
    assert client.get(f"/{lang}/service-quality/").status_code == 200
    assert client.get(f"/{lang}/disclosure/").status_code == 200
