"""Small helpers the page types' search answers share."""
from django.utils.translation import gettext as _

from cms_pages.rules.money import format_money


def money(value, language):
    return format_money(value, language)


def day(value):
    """A date as the answer cards write it in both languages: 01.07.2026."""
    return value.strftime("%d.%m.%Y") if value else ""


def basis(act):
    """(text, url) of the legal act that gives a figure its force, or ("", "")."""
    if act is None:
        return "", ""
    text = str(act)
    if getattr(act, "is_demo", False):
        text = _("%(act)s (демонстрационные реквизиты)") % {"act": text}
    return text, act.url or ""


def page_url(page, language):
    def load():
        parts = page.get_url_parts()
        return parts[2] if parts else page.url
    return cached(page, f"url:{language}", load)


def first_number(facts, *units):
    value = facts.number(*units)
    if value is None:
        return None
    return value.normalize() if value == value.to_integral() else value


def plain_number(value):
    """15 rather than 15.0 or 1.5E+1, for a query string."""
    if value is None:
        return ""
    if value == value.to_integral():
        return str(int(value))
    return format(value.normalize(), "f")


def cached(page, name, load):
    """``load()`` kept on the page object: the search keeps answer pages in memory per index
    generation (``search.answers.cached_pages``), so their records are read once per publish."""
    store = page.__dict__.setdefault("_search_answer_cache", {})
    if name not in store:
        store[name] = load()
    return store[name]
