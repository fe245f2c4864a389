"""A procedure's search answer: how long it takes and what it costs, and where to start."""
from django.utils.translation import gettext as _

from cms_pages.rules.live_figures import render_figures
from cms_pages.search_answers.common import page_url
from search.knowledge import Answer, BODY, EXACT, Figure, GENERAL, MATCHED, WEAK


def extra_parts(page):
    return [(page.total_time, BODY), (str(render_figures(str(page.total_cost or ""))), BODY)]


def answer(page, facts, on_date, language):
    figures = []
    if page.total_time:
        figures.append(Figure(label=_("Общий срок"), display=str(page.total_time)))
    if page.total_cost:
        figures.append(Figure(label=_("Стоимость"), display=str(render_figures(str(page.total_cost), on=on_date))))
    start = page.start_url()
    if start:
        figures.append(Figure(label=_("Подать обращение"), display=_("онлайн-форма"), href=start))
    if not figures and not page.summary:
        return None
    steps = [str(step.value["title"]) for step in page.steps][:5]
    strength = GENERAL if figures else WEAK
    if page.total_time and (facts.has("срок", "долг", "длит", "long", "time") or facts.has_phrase("how long")):
        strength = EXACT  # «сколько длится», "how long": the total time
    elif figures and (facts.has_word("как", "how", "порядок", "steps", "procedure") or facts.has("порядок", "procedur")):
        strength = MATCHED
    return Answer(kind="procedure", title=str(page.title), url=page_url(page, language), text=str(render_figures(str(page.summary), on=on_date)),
                  figures=figures, items=steps, on_date=on_date, page_id=page.pk, strength=strength)
