"""The service-centre directory's cards: ``{% centre_card centre %}``."""
import datetime

from django import template
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from ops.render_cache import memo_until

register = template.Library()


@register.simple_tag(takes_context=True)
def centre_card(context, centre):
    """cms_pages/includes/centre_card.html for one centre, rendered once per generation (a publish
    starts a new one), site and language, and again when the clock reaches the moment its «open
    now» line changes (``open_state_changes_at``)."""
    request = context.get("request")
    site = getattr(request, "_wagtail_site", None)  # set by the render cache for a public GET
    state = {}

    def render():
        state["now"] = timezone.now()
        state["open"] = centre.open_state()
        values = {"centre": centre, "state": state["open"], "request": request}
        return mark_safe(get_template("cms_pages/includes/centre_card.html").template.render(context.new(values)))

    if site is None or getattr(request, "is_preview", False):
        return render()
    return memo_until(("centre_card", site.pk, centre.pk, translation.get_language()), render,
                      lambda: [open_state_changes_at(state["open"], state["now"])])


def open_state_changes_at(state, moment):
    """The instant ``cms_pages.rules.opening_hours.status_at`` stops giving ``state`` (found at
    ``moment``): the end of the open stretch, or the next opening; None when it never opens."""
    if state.is_open:
        local = timezone.localtime(moment)
        return timezone.make_aware(datetime.datetime.combine(local.date(), state.closes_at))
    if state.next_open is not None:
        return timezone.make_aware(state.next_open)
    return None
