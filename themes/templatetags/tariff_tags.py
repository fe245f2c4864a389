"""The tariff page's links to the bill estimator: ``{% bill_tool_links page as links %}``."""
from django import template
from django.utils import translation

from ops.render_cache import memo

register = template.Library()


@register.simple_tag(takes_context=True)
def bill_tool_links(context, page):
    """``page.bill_tool_links()`` once per render-cache generation (a publish, a move or a watched
    change starts a new one), site and language: it reads the page's records and the tool page's
    URL, four queries on every cold render. A preview computes it from the edited page."""
    request = context.get("request")
    site = getattr(request, "_wagtail_site", None)  # set by the render cache for a public GET
    if site is None or getattr(request, "is_preview", False) or not page.pk:
        return page.bill_tool_links()
    return memo(("bill_tool_links", site.pk, page.pk, translation.get_language()), page.bill_tool_links)
