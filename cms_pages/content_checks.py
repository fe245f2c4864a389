"""Publishing rules for accessible content: plain functions over StreamField data and HTML.

Each returns a list of messages in the editor's language; an empty list means the content passes.
"""
import re
from html.parser import HTMLParser

from django.utils.translation import gettext as _

VAGUE_LINK_TEXTS = {
    "здесь", "тут", "подробнее", "читать далее", "далее", "ссылка", "по ссылке", "нажмите здесь",
    "click here", "here", "more", "read more", "link", "this link", "learn more",
}


class _LinkTextParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self._depth, self._text = [], 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._depth += 1
            self._text = []

    def handle_endtag(self, tag):
        if tag == "a" and self._depth:
            self._depth -= 1
            self.links.append("".join(self._text))

    def handle_data(self, data):
        if self._depth:
            self._text.append(data)


def vague_link_texts(html):
    """Link texts in ``html`` that say nothing out of context ("здесь", "click here")."""
    parser = _LinkTextParser()
    parser.feed(html or "")
    found = []
    for text in parser.links:
        normalised = re.sub(r"[\s.,:;!?»«\"()…-]+", " ", text).strip().lower()
        if normalised in VAGUE_LINK_TEXTS:
            found.append(text.strip())
    return found


def heading_level_problems(levels, start_level=1):
    """Heading levels (ints) that skip a level, e.g. an h4 straight after the page's h2."""
    problems, previous = [], start_level
    for level in levels:
        if level > previous + 1:
            problems.append(_("Заголовок уровня %(level)s идёт после уровня %(previous)s: уровни нельзя пропускать.")
                            % {"level": level, "previous": previous})
        previous = level
    return problems


def check_stream(stream_value):
    """All publishing problems in one StreamField value (body blocks)."""
    messages, levels = [], []
    for block in stream_value:
        name, value = block.block_type, block.value
        if name == "heading":
            levels.append(int(str(value["level"])[1]))
        elif name in ("paragraph",):
            messages += link_messages(value.source)
        elif name == "callout":
            messages += link_messages(value["text"].source)
        elif name == "table":
            table = value["table"]
            headings = [str(col.get("heading") or "").strip() for col in table.columns]
            if not headings or not all(headings):
                messages.append(_("У таблицы «%(caption)s» нет строки заголовков: назовите каждый столбец.")
                                % {"caption": value.get("caption") or ""})
        elif name == "image":
            if not getattr(value, "decorative", False) and not (getattr(value, "contextual_alt_text", "") or "").strip():
                messages.append(_("У изображения нет альтернативного текста: опишите его или отметьте как декоративное."))
        elif name == "document":
            document = value["document"]
            if document is None or not document.file:
                messages.append(_("Ссылка на документ без файла: невозможно показать формат и размер."))
    messages += heading_level_problems(levels)
    return messages


def link_messages(html):
    return [_("Текст ссылки «%(text)s» ничего не говорит о том, куда она ведёт: опишите цель ссылки.")
            % {"text": text} for text in vague_link_texts(html)]
