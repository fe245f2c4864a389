"""The publishing checks (cms_pages.content_checks) as rules of Wagtail's accessibility checker.

Axe in the editor's preview and in the userbar only sees the rendered page, so it cannot know that an image
has no alt text (Wagtail renders ``alt=""``) or that a document link hides its format and size. In a preview
the theme prints one marker per problem the publishing check finds (``data-publishing-problem="<kind>"``,
themes ``publishing_problem_markers``), and one custom axe rule per kind reports every marker, with the
same words the refusal uses. So the checker lists, before "Publish", exactly what publishing would refuse.
"""
from django.utils.translation import gettext_lazy as _
from wagtail.admin.userbar import ContentCheckerItem

MARKER_ATTRIBUTE = "data-publishing-problem"
CHECK_ID = "sw-publishing-problem"

# kind -> (rule name shown in the checker, what to do)
RULES = {
    "image-alt": (_("Изображение без альтернативного текста"),
                  _("Публикация будет отклонена: опишите изображение или отметьте его как декоративное")),
    "heading-order": (_("Пропущен уровень заголовка"),
                      _("Публикация будет отклонена: выберите уровень заголовка по порядку")),
    "table-header": (_("Таблица без строки заголовков"),
                     _("Публикация будет отклонена: назовите каждый столбец таблицы")),
    "link-text": (_("Текст ссылки ничего не говорит"),
                  _("Публикация будет отклонена: напишите, куда ведёт ссылка")),
    "document-format": (_("Ссылка на документ без формата и размера"),
                        _("Публикация будет отклонена: допишите формат и размер файла")),
    "worked-example": (_("Пример расчёта не сходится с инструментом"),
                       _("Публикация будет отклонена: исправьте результат примера или записи страницы")),
}


def rule_id(kind):
    return f"sw-publishing-{kind}"


class PublishingChecksItem(ContentCheckerItem):
    """Wagtail's checker with the project's publishing checks as extra axe rules."""

    def get_axe_run_only(self, request):
        return list(super().get_axe_run_only(request)) + [rule_id(kind) for kind in RULES]

    def get_axe_custom_rules(self, request):
        return list(super().get_axe_custom_rules(request)) + [
            {"id": rule_id(kind), "impact": "serious", "selector": f'[{MARKER_ATTRIBUTE}="{kind}"]',
             "tags": ["wcag2a", "publishing"], "none": [CHECK_ID], "enabled": True}
            for kind in RULES
        ]

    def get_axe_custom_checks(self, request):
        # axe's own "has text" evaluate function, named in the spec (no code is sent): a marker always has
        # the problem's message as its text, so every marker fails the rule
        return list(super().get_axe_custom_checks(request)) + [
            {"id": CHECK_ID, "evaluate": "has-text-content-evaluate"}]

    def get_axe_messages(self, request):
        messages = dict(super().get_axe_messages(request))
        for kind, (name, help_text) in RULES.items():
            messages[rule_id(kind)] = {"error_name": str(name), "help_text": str(help_text)}
        return messages


def replace_checker(request, items, page=None):
    """construct_wagtail_userbar: swap Wagtail's checker item for ours, wherever it appears."""
    for position, item in enumerate(items):
        if type(item).__name__ in ("ContentCheckerItem", "AccessibilityItem"):
            replacement = PublishingChecksItem(in_editor=getattr(item, "in_editor", False))
            items[position] = replacement
