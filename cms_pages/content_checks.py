"""Publishing rules for accessible content: plain functions over StreamField data and HTML.

Automated checkers (axe in Wagtail's userbar) only see the rendered preview; these rules stop the
most common problems before anything goes live, whatever path publishes it (the edit form, the
moderator's approval, a bulk action). Every function returns messages in the editor's language;
an empty list means the content passes.
"""
import re
from html.parser import HTMLParser

from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock

VAGUE_LINK_TEXTS = {
    # Russian
    "здесь", "тут", "там", "подробнее", "подробно", "подробности", "читать далее", "читать дальше",
    "читать", "далее", "дальше", "ещё", "еще", "ссылка", "по ссылке", "эта ссылка", "по этой ссылке",
    "нажмите здесь", "нажмите", "кликните здесь", "перейти", "перейдите", "перейти по ссылке",
    "узнать больше", "узнать подробнее", "смотреть", "смотрите", "см", "скачать", "открыть",
    "документ", "файл", "сайт", "страница", "эта страница",
    # English
    "click here", "click", "here", "there", "more", "read more", "more info", "more information",
    "details", "link", "this link", "this page", "learn more", "see more", "find out more",
    "download", "open", "go", "continue", "website", "page", "document", "file",
}

# A size written as people write it: "1,2 МБ", "350 Кб", "2.5 MB", "800 KB".
SIZE_RE = re.compile(r"\d+(?:[.,]\d+)?\s*(?:байт|[КкМмГг][Бб]|[KkMmGg]i?[Bb]|bytes?)\b", re.UNICODE)
_PUNCTUATION_RE = re.compile(r"[\s.,:;!?»«\"'()\[\]…–—-]+")
_HEADING_TAG_RE = re.compile(r"^h([1-6])$")


class Problem:
    """One broken rule; ``index`` is the top-level block it belongs to (None: the whole field);
    ``kind`` names the rule (KINDS), e.g. for the editor's accessibility checker."""

    __slots__ = ("message", "index", "kind")

    def __init__(self, message, index=None, kind=""):
        self.message, self.index, self.kind = message, index, kind

    def __str__(self):
        return str(self.message)

    def __repr__(self):
        return f"Problem({self.message!r}, index={self.index!r})"


# ---------------------------------------------------------------- HTML (rich text) rules

class _RichTextParser(HTMLParser):
    """Collects links (text, attributes) and heading levels from rich text, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.headings = [], []
        self._link = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._link = {"attrs": dict(attrs), "text": []}
        elif (match := _HEADING_TAG_RE.match(tag)):
            self.headings.append(int(match.group(1)))
        elif tag == "img" and self._link is not None:
            alt = dict(attrs).get("alt") or ""
            self._link["text"].append(alt)

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.links.append((" ".join("".join(self._link["text"]).split()), self._link["attrs"]))
            self._link = None

    def handle_data(self, data):
        if self._link is not None:
            self._link["text"].append(data)


def _parse(html):
    parser = _RichTextParser()
    parser.feed(html or "")
    parser.close()
    return parser


def is_vague_link_text(text):
    """True if the link text alone does not say where the link goes."""
    normalised = _PUNCTUATION_RE.sub(" ", text or "").strip().lower()
    return not normalised or normalised in VAGUE_LINK_TEXTS


def vague_link_texts(html):
    """Link texts in ``html`` that say nothing out of context ("здесь", "click here", empty)."""
    return [text for text, _attrs in _parse(html).links if is_vague_link_text(text)]


def names_format_and_size(text, extension=""):
    """True if a document link's text states the file format and its size, e.g. "(PDF, 1,2 МБ)"."""
    text = text or ""
    if not SIZE_RE.search(text):
        return False
    if extension:
        return re.search(rf"\b{re.escape(extension)}\b", text, re.IGNORECASE) is not None
    return re.search(r"\b(pdf|docx?|odt|rtf|txt|xlsx?|ods|csv|zip)\b", text, re.IGNORECASE) is not None


def document_links_without_format(html):
    """Texts of rich-text links to documents that do not tell the format and the size of the file."""
    from wagtail.documents import get_document_model

    found, documents = [], None
    for text, attrs in _parse(html).links:
        if attrs.get("linktype") != "document":
            continue
        if documents is None:
            documents = get_document_model().objects
        document = documents.filter(pk=attrs.get("id") or None).first() if (attrs.get("id") or "").isdigit() else None
        extension = document.file_extension if document is not None and document.file else ""
        if not names_format_and_size(text, extension):
            found.append(text)
    return found


KINDS = ("image-alt", "heading-order", "table-header", "link-text", "document-format", "worked-example")
WORKED_EXAMPLE = "worked_example"  # the key of a page's worked-example problems in ``object_problems``


def link_messages(html):
    """Messages for every vague link and every document link without its format and size."""
    return [message for _kind, message in link_problems(html)]


def link_problems(html):
    """(kind, message) for every vague link and every document link without its format and size."""
    messages = [
        ("link-text", _("Текст ссылки «%(text)s» ничего не говорит о том, куда она ведёт: опишите цель ссылки, "
          "например «Тарифы на электроэнергию на 2026 год».") % {"text": text}
        if text else
        _("У ссылки нет текста: напишите, куда она ведёт."))
        for text in vague_link_texts(html)
    ]
    messages += [
        ("document-format", _("Ссылка на документ «%(text)s» не сообщает формат и размер файла: допишите их, например "
          "«(PDF, 1,2 МБ)», или вставьте документ блоком «Документ».") % {"text": text})
        for text in document_links_without_format(html)
    ]
    return messages


def heading_level_problems(levels, start_level=1):
    """Heading levels (ints) that skip a level, e.g. an h4 straight after the page's h2."""
    return [message for _index, message in _heading_problems([(None, level) for level in levels], start_level)]


def _heading_problems(indexed_levels, start_level=1):
    problems, previous = [], start_level
    for index, level in indexed_levels:
        if level > previous + 1:
            problems.append((index, _(
                "Заголовок уровня %(level)s идёт после уровня %(previous)s: уровни нельзя пропускать, "
                "выберите уровень %(expected)s."
            ) % {"level": level, "previous": previous, "expected": previous + 1}))
        previous = level
    return problems


# ---------------------------------------------------------------- block rules

def table_has_header_row(table):
    """A typed table passes when it has columns and every column has a heading."""
    columns = getattr(table, "columns", None) or []
    return bool(columns) and all(str(column.get("heading") or "").strip() for column in columns)


def image_has_text_alternative(image):
    """An image from Wagtail's ImageBlock passes with alt text or when marked decorative."""
    if image is None:
        return True
    return bool(getattr(image, "decorative", False)) or bool((getattr(image, "contextual_alt_text", "") or "").strip())


def document_format_and_size(document):
    """(format, size in bytes) of a document, or None when they cannot be shown to the reader."""
    if document is None or not document.file:
        return None
    try:
        size = document.get_file_size()
    except (OSError, ValueError):
        size = None
    extension = (document.file_extension or "").strip()
    if not size or not extension:
        return None
    return extension.upper(), size


def _walk(block, value, found, headings, index, caption=""):
    """Visit a block value and everything nested in it, collecting problems and heading levels."""
    from cms_pages.blocks import HeadingBlock  # late: cms_pages.blocks imports nothing from here

    if isinstance(block, HeadingBlock):
        headings.append((index, int(str(value.get("level") or "h2")[1:])))
    elif isinstance(block, ImageBlock):
        if not image_has_text_alternative(value):
            found.append(Problem(_("У изображения нет альтернативного текста: опишите, что на нём "
                                   "важно для читателя, или отметьте его как декоративное."), index, "image-alt"))
    elif isinstance(block, TypedTableBlock):
        if value is not None and not table_has_header_row(value):
            found.append(Problem(_("У таблицы «%(caption)s» нет строки заголовков: назовите каждый столбец.")
                                 % {"caption": caption or getattr(value, "caption", "") or _("без подписи")}, index,
                                 "table-header"))
    elif isinstance(block, DocumentChooserBlock):
        if document_format_and_size(value) is None:
            found.append(Problem(_("Ссылка на документ без файла: нельзя показать его формат и размер. "
                                   "Загрузите файл заново или выберите другой документ."), index, "document-format"))
    elif isinstance(block, blocks.RichTextBlock):
        source = getattr(value, "source", value) or ""
        found.extend(Problem(message, index, kind) for kind, message in link_problems(source))
        headings.extend((index, level) for level in _parse(source).headings)
    elif isinstance(block, blocks.StructBlock):
        caption = value.get("caption", "") if hasattr(value, "get") else ""
        for name, child in block.child_blocks.items():
            _walk(child, value.get(name) if value is not None else None, found, headings, index, caption)
    elif isinstance(block, blocks.ListBlock):
        for item in value or []:
            _walk(block.child_block, item, found, headings, index)
    elif isinstance(block, blocks.StreamBlock):
        for child in value or []:
            _walk(child.block, child.value, found, headings, index)


def stream_problems(stream_value, start_level=1):
    """All problems in a StreamField value, each tied to the index of its top-level block."""
    found, headings = [], []
    for index, child in enumerate(stream_value or []):
        _walk(child.block, child.value, found, headings, index)
    found += [Problem(message, index, "heading-order") for index, message in _heading_problems(headings, start_level)]
    return found


def check_stream(stream_value):
    """All publishing problems in one StreamField value, as messages."""
    return [problem.message for problem in stream_problems(stream_value)]


def rich_text_problems(html):
    parsed = _parse(html)
    return ([Problem(message, kind=kind) for kind, message in link_problems(html)]
            + [Problem(message, kind="heading-order") for message in heading_level_problems(parsed.headings)])


def field_problems(model_field, value):
    """Problems in the value of one StreamField or RichTextField; other fields have none."""
    if value in (None, ""):
        return []
    if isinstance(model_field, StreamField):
        return stream_problems(value)
    if isinstance(model_field, RichTextField):
        return rich_text_problems(value)
    return []


def checked_fields(model):
    """Rich-text and StreamField fields of ``model`` that editors fill (translation twins, not their base)."""
    names = {field.name for field in model._meta.concrete_fields}
    fields = []
    for field in model._meta.concrete_fields:
        if not isinstance(field, (StreamField, RichTextField)):
            continue
        if f"{field.name}_ru" in names:
            continue  # modeltranslation's base column mirrors one of its _ru/_en twins
        fields.append(field)
    return fields


def worked_example_problems(obj, children=None):
    """[Problem] when a page's worked example disagrees with its tool (page types with
    ``worked_example_problems``: ``cms_pages.rules.worked_examples``); ``children`` are the records
    in an edit form, by relation name (default: the object's own)."""
    check = getattr(obj, "worked_example_problems", None)
    if check is None:
        return []
    return [Problem(message, kind="worked-example") for message in check(children)]


def object_problems(obj):
    """{field name: [Problem]} for a page or snippet instance, e.g. a revision awaiting approval;
    a worked example that disagrees with its tool is under ``WORKED_EXAMPLE``."""
    report = {}
    for field in checked_fields(type(obj)):
        problems = field_problems(field, getattr(obj, field.attname, None))
        if problems:
            report[field.name] = problems
    if (problems := worked_example_problems(obj)):
        report[WORKED_EXAMPLE] = problems
    return report


def object_messages(obj):
    """Flat list of messages, each prefixed with the field's name (and language), for a whole object."""
    report = object_problems(obj)
    return ([f"{capfirst_str(field.verbose_name)}: {problem.message}"
             for field in checked_fields(type(obj))
             for problem in report.get(field.name, [])]
            + [f"{_('Пример расчёта')}: {problem.message}" for problem in report.get(WORKED_EXAMPLE, [])])


def capfirst_str(value):
    value = str(value)
    return value[:1].upper() + value[1:]
