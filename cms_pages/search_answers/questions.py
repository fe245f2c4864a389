"""A question page's search answer: its short answer, in a sentence.

It is the strongest answer when the query is mostly this question's own words (title or another
phrasing) and does not ask for a figure the short answer lacks; a query asking «сколько», "how
much" gets the page types' live figures instead of a sentence without them.
"""
import re

from cms_pages.rules.live_figures import render_figures
from cms_pages.search_answers.common import cached, page_url
from search.text import stems
from search.knowledge import Answer, EXACT, GENERAL, MATCHED

FIGURE_WORDS = ("сколько", "цен", "стоим", "стоит", "руб", "почем", "price", "cost", "much", "fee", "tariff", "тариф")


def _coverage(page, facts):
    own = set(stems(" ".join([str(page.title), *page.phrasings()])))
    asked = {s for s in facts.stems if not s.isdigit()}
    return len(asked & own) / len(asked) if asked else 0.0


def answer(page, facts, on_date, language):
    if not page.short_answer:
        return None
    # a live figure ([[figure:name]]) is the value in force on the answer's date, as on the page;
    # kept with the page for the index generation, like the records other answers read
    text = cached(page, ("short_answer", language, on_date), lambda: str(render_figures(str(page.short_answer), on=on_date)))
    strength = GENERAL
    coverage = _coverage(page, facts)
    if coverage >= 0.75:
        wants_figure = facts.has(*FIGURE_WORDS)
        strength = MATCHED + 0.5 if not wants_figure or re.search(r"\d", text) else GENERAL
        if facts.has_word("почему", "зачем", "why"):
            strength = EXACT + 0.5  # a "why" is answered by a sentence, not by a figure
    return Answer(kind="question", title=str(page.title), url=page_url(page, language), text=text,
                  on_date=on_date, page_id=page.pk, strength=strength)
