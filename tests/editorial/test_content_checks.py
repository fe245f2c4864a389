"""Unit tests of the publishing rules (cms_pages/content_checks.py)."""
import factory
import pytest
import wagtail_factories

from cms_pages import content_checks as cc
from cms_pages.blocks import BodyBlock
from tests.editorial.factories import ContentPageFactory


def stream(*blocks):
    return BodyBlock().to_python([{"type": kind, "value": value} for kind, value in blocks])


def table(*headings, caption="Тарифы"):
    return {"caption": caption, "table": {
        "caption": "", "columns": [{"type": "text", "heading": h} for h in headings],
        "rows": [{"values": ["x"] * len(headings)}]}}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def image(db, media):
    return wagtail_factories.ImageFactory(title="Опора ЛЭП")


@pytest.fixture
def pdf(db, media):
    return wagtail_factories.DocumentFactory(
        title="Приказ о тарифах", file=factory.django.FileField(filename="prikaz.pdf", data=b"%PDF-1.4 " * 200))


@pytest.mark.parametrize("text", ["здесь", "Здесь", "подробнее…", "Подробнее.", "click here", "Click here!",
                                  "читать далее", "тут", "read more", "  ", "скачать"])
def test_vague_link_texts_are_found(text):
    assert cc.vague_link_texts(f'<p>Смотрите <a href="/x/">{text}</a></p>') == [" ".join(text.split())]


@pytest.mark.parametrize("text", ["Тарифы на электроэнергию на 2026 год", "Как подать заявку на техприсоединение",
                                  "Здесь — порядок расчёта платы", "Electricity tariffs for 2026"])
def test_descriptive_link_texts_pass(text):
    assert cc.vague_link_texts(f'<p><a href="/x/">{text}</a></p>') == []


def test_link_message_quotes_the_link_text():
    [message] = cc.link_messages('<p>Тарифы <a href="/t/">здесь</a>.</p>')
    assert "«здесь»" in message and "опишите цель ссылки" in message


def test_link_without_text_is_refused():
    [message] = cc.link_messages('<p><a href="/t/"></a></p>')
    assert "нет текста" in message


@pytest.mark.parametrize("levels, count", [([2, 3, 4, 2, 3], 0), ([2, 4], 1), ([3], 1), ([2, 2, 3, 3, 2], 0),
                                           ([2, 3, 2, 4], 1), ([4, 2, 4], 2)])
def test_heading_levels(levels, count):
    assert len(cc.heading_level_problems(levels)) == count


def test_heading_message_names_levels():
    [message] = cc.heading_level_problems([2, 4])
    assert "уровня 4" in message and "уровня 2" in message and "уровень 3" in message


def test_skipped_heading_is_tied_to_its_block():
    problems = cc.stream_problems(stream(("heading", {"text": "Тарифы", "level": "h2"}),
                                         ("paragraph", "<p>Текст</p>"),
                                         ("heading", {"text": "Ночь", "level": "h4"})))
    assert [p.index for p in problems] == [2]


def test_headings_inside_rich_text_count_too():
    problems = cc.stream_problems(stream(("heading", {"text": "Тарифы", "level": "h2"}),
                                         ("paragraph", "<h4>Ночь</h4><p>Текст</p>")))
    assert len(problems) == 1 and problems[0].index == 1


def test_table_needs_every_column_heading():
    assert cc.check_stream(stream(("table", table("Группа", "Цена, руб./кВт·ч")))) == []
    [message] = cc.check_stream(stream(("table", table("Группа", ""))))
    assert "нет строки заголовков" in message and "«Тарифы»" in message


def test_image_without_alt_text_is_refused(image):
    [message] = cc.check_stream(stream(("image", {"image": image.pk, "alt_text": "", "decorative": False})))
    assert "альтернативного текста" in message


def test_decorative_image_or_image_with_alt_text_passes(image):
    assert cc.check_stream(stream(("image", {"image": image.pk, "alt_text": "", "decorative": True}))) == []
    assert cc.check_stream(stream(("image", {"image": image.pk, "alt_text": "Опора ЛЭП 10 кВ у дороги",
                                              "decorative": False}))) == []


def test_document_block_needs_a_file_with_format_and_size(pdf):
    value = stream(("document", {"document": pdf.pk, "title": "Приказ"}))
    assert cc.check_stream(value) == []
    assert cc.document_format_and_size(pdf) == ("PDF", pdf.file.size)
    pdf.file.storage.delete(pdf.file.name)
    pdf.file_size = None
    pdf.save()
    [message] = cc.check_stream(stream(("document", {"document": pdf.pk, "title": "Приказ"})))
    assert "формат и размер" in message


def test_rich_text_document_link_must_state_format_and_size(pdf):
    bad = f'<p><a linktype="document" id="{pdf.pk}">Приказ о тарифах</a></p>'
    good = f'<p><a linktype="document" id="{pdf.pk}">Приказ о тарифах (PDF, 1,8 КБ)</a></p>'
    wrong_format = f'<p><a linktype="document" id="{pdf.pk}">Приказ о тарифах (DOCX, 1,8 КБ)</a></p>'
    assert len(cc.link_messages(bad)) == 1
    assert "формат и размер" in cc.link_messages(bad)[0]
    assert cc.link_messages(good) == []
    assert len(cc.link_messages(wrong_format)) == 1


@pytest.mark.parametrize("text, ok", [("(PDF, 1,2 МБ)", True), ("pdf 350 Кб", True), ("(XLSX, 2.5 MB)", True),
                                      ("(PDF)", False), ("1,2 МБ", False), ("Приказ", False)])
def test_names_format_and_size(text, ok):
    assert cc.names_format_and_size(text) is ok


def test_vague_link_inside_a_callout_is_found():
    problems = cc.stream_problems(stream(
        ("paragraph", "<p>Текст</p>"),
        ("callout", {"kind": "info", "title": "", "text": '<p>Подробности <a href="/x/">тут</a></p>'})))
    assert [p.index for p in problems] == [1]


def test_object_problems_checks_each_language(home):
    page = ContentPageFactory(parent=home)
    page.body_ru = stream(("paragraph", '<p><a href="/t/">Тарифы на 2026 год</a></p>'))
    page.body_en = stream(("paragraph", '<p><a href="/t/">click here</a></p>'))
    assert list(cc.object_problems(page)) == ["body_en"]
    [line] = cc.object_messages(page)
    assert "«click here»" in line and "[en]" in line
