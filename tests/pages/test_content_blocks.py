"""StreamField blocks on a content page: typed table, images with alt/decorative, document links."""
import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_table_image_and_document_blocks_render_accessibly(client, home):
    image = wagtail_factories.ImageFactory(title="Схема")
    document = wagtail_factories.DocumentFactory(title="Приказ о тарифах",
                                                 file=ContentFile(b"x" * 2048, name="order.pdf"))
    f.ContentPageFactory(parent=home, slug="bloki", slug_en="blocks", body=[
        {"type": "table", "value": {"caption": "Цены за кВт·ч", "table": {
            "caption": "", "columns": [{"type": "text", "heading": "Группа"}, {"type": "number", "heading": "Цена, руб."}],
            "rows": [{"values": ["Городское население", "6.59"]}, {"values": ["Сельское население", "4.61"]}]}}},
        {"type": "image", "value": {"image": image.pk, "decorative": False, "alt_text": "Схема подключения дома к сети"}},
        {"type": "image", "value": {"image": image.pk, "decorative": True, "alt_text": ""}},
        {"type": "document", "value": {"document": document.pk, "title": ""}},
    ])
    html = BeautifulSoup(client.get("/ru/bloki/").content.decode(), "html.parser")
    table = html.find("main").find("table")
    assert table.caption.get_text() == "Цены за кВт·ч"
    assert [th["scope"] for th in table.thead.find_all("th")] == ["col", "col"]
    assert [th.get_text(strip=True) for th in table.tbody.find_all("th", scope="row")] == [
        "Городское население", "Сельское население"]
    images = html.find("main").find_all("img")
    assert [img["alt"] for img in images] == ["Схема подключения дома к сети", ""]
    link = html.find("a", class_="document-link")
    assert link["href"] == document.url
    assert link.get_text(" ", strip=True).replace("\xa0", " ") == "Приказ о тарифах (PDF, 2,0 КБ)"
