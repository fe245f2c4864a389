"""The tools (calculators) as search answers: linked with the query's numbers filled in.

A tool is found by what it is, not by a model name: a live page whose type declares
``search_tool = "<kind>"`` (the calculators as page types), else the calculators' own URL.
The tool pre-fills its form from the query string (without the ``calculate`` marker it only
fills in, so no errors are shown for what the query did not say).
"""
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from cms_pages.models.tools import live_tool_page
from search.knowledge import Tool

TOOL_URL_NAMES = {
    "connection_fee": "calculators:connection_fee",
    "bill": "calculators:bill",
    "eligibility": "calculators:eligibility",
}


def _titles():
    return {
        "connection_fee": _("Калькулятор платы за подключение"),
        "bill": _("Расчёт суммы в квитанции"),
        "eligibility": _("Проверка права на субсидию и льготы"),
    }


def _tool_page_url(kind):
    page = live_tool_page(kind)
    parts = page.get_url_parts() if page is not None else None
    return parts[2] if parts else None


def tool_base_url(kind):
    from search.answers import memo
    try:
        # per language: the page's URL has the language's prefix and translated slugs
        url = memo(f"tool_page_url:{kind}:{get_language()}", lambda: _tool_page_url(kind))
    except Exception:  # noqa: BLE001 - a tool page type being built must not break search
        url = None
    if url:
        return url
    try:
        return reverse(TOOL_URL_NAMES[kind])
    except (KeyError, NoReverseMatch):
        return None


def tool(kind, params):
    """A ``search.knowledge.Tool`` for the calculator ``kind`` with ``params`` filled in, or None."""
    base = tool_base_url(kind)
    if not base:
        return None
    params = {k: v for k, v in params.items() if v not in (None, "")}
    url = base + ("?" + urlencode(params) if params else "")
    return Tool(title=_titles()[kind], url=url, params=params)
