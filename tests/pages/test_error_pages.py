"""Django's own 400 handler uses the theme's 400.html, in the language of the URL."""
import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang, heading", [("ru", "Неправильный запрос"), ("en", "Bad request")])
def test_malformed_host_header_gives_the_400_page(client, home, lang, heading):
    response = client.get(f"/{lang}/", HTTP_HOST="bad host!")
    assert response.status_code == 400
    html = BeautifulSoup(response.content.decode(), "html.parser")
    assert html.html["lang"] == lang
    assert html.h1.get_text() == heading
