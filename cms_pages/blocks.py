"""StreamField blocks: the building bricks editors use in body content."""
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


def labelled(block, label):
    """The block with a label set after construction.

    Wagtail labels a block it was given no label for from its Python name ("Rich text", "Page", the
    image chooser inside ImageBlock), in English whatever the editor's language. Set here rather than
    as ``label=``, the constructor arguments that migrations record stay as they were.
    """
    block.meta.label = block.label = label
    return block


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Текст заголовка"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Уровень 2")), ("h3", _("Уровень 3")), ("h4", _("Уровень 4"))],
        default="h2", label=_("Уровень"),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        label = _("Заголовок")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("info", _("Информация")), ("warning", _("Важно")), ("success", _("Совет"))],
        default="info", label=_("Вид"),
    )
    title = blocks.CharBlock(required=False, label=_("Заголовок"))
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Текст"))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["kind_label"] = dict(self.child_blocks["kind"].field.choices).get(value["kind"], "")
        return context

    class Meta:
        icon = "warning"
        template = "blocks/callout.html"
        label = _("Выноска")


class TableBlock(blocks.StructBlock):
    """A typed table with a caption; column headings form the header row."""

    caption = blocks.CharBlock(label=_("Подпись таблицы"))
    table = TypedTableBlock(
        [
            ("text", labelled(blocks.CharBlock(), _("Текст"))),
            ("number", labelled(blocks.DecimalBlock(), _("Число"))),
            ("rich_text", labelled(blocks.RichTextBlock(features=["bold", "italic", "link"]),
                                   _("Текст с оформлением"))),
        ],
        label=_("Таблица"),
    )

    def get_context(self, value, parent_context=None):
        """Rows as (cell, column type) pairs: numbers are right-aligned, the first cell heads its row."""
        context = super().get_context(value, parent_context)
        table = value["table"]
        columns = [(column["heading"], column["block"].name) for column in table.columns] if table else []
        types = [kind for _heading, kind in columns]
        context["columns"] = columns
        context["rows"] = [list(zip(row, types)) for row in table.rows] if table else []
        context["caption"] = value["caption"] or (getattr(table, "caption", "") if table else "")
        return context

    class Meta:
        icon = "table"
        template = "blocks/table.html"
        label = _("Таблица")


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Документ"))
    title = blocks.CharBlock(required=False, label=_("Текст ссылки"),
                             help_text=_("Если пусто, используется название документа."))

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link.html"
        label = _("Документ")


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Текст"), icon="pilcrow")
    table = TableBlock()
    image = ImageBlock(label=_("Изображение"), template="blocks/image.html")
    labelled(image.child_blocks["image"], _("Изображение"))
    callout = CalloutBlock()
    document = DocumentLinkBlock()


class StepBlock(blocks.StructBlock):
    """One step of a procedure, in the GOV.UK step-by-step pattern."""

    title = blocks.CharBlock(label=_("Что сделать (кратко)"))
    what_to_do = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Подробно"))
    documents = blocks.ListBlock(blocks.CharBlock(label=_("Документ")), required=False,
                                 default=[], label=_("Документы"))
    responsible = blocks.CharBlock(required=False, label=_("Кто отвечает"))
    deadline = blocks.CharBlock(required=False, label=_("Срок по закону"))
    cost = blocks.CharBlock(required=False, label=_("Стоимость"))
    connector = blocks.ChoiceBlock(
        choices=[("", _("нет")), ("and", _("и")), ("or", _("или"))], required=False, default="",
        label=_("Связь со следующим шагом"),
    )

    class Meta:
        icon = "list-ol"
        label = _("Шаг")


class TopTaskBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Задача"))
    description = blocks.CharBlock(required=False, label=_("Пояснение"))
    page = blocks.PageChooserBlock(required=False, label=_("Страница"))
    url = blocks.CharBlock(required=False, label=_("Или адрес"),
                           help_text=_("Например, /ru/obrashcheniya/ для формы обращения."))

    class Meta:
        icon = "link"
        label = _("Главная задача")


class CriterionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Условие"))

    class Meta:
        icon = "tick"
        label = _("Условие")
