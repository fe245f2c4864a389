"""The home page's outage banner, rendered once per render-cache generation and again when the
clock reaches a moment it changes: ``{% outages_alert_once %}``."""
import datetime

from django import template
from django.db.models import Q
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from ops.render_cache import memo_until
from outages import status as outage_status
from outages.lookup import COMING_DAYS
from outages.models import Outage
from outages.templatetags.outages_tags import outages_alert

register = template.Library()


@register.simple_tag
def outages_alert_once():
    """``{% outages_alert %}`` (the outage registry's banner) rendered once per generation and
    language, and again when the clock reaches the start or the end of an announced outage or the
    moment its start comes within the announced days: the only moments the answers of
    ``outages.lookup.in_progress_count`` and ``coming_planned`` change without a save (a saved
    outage, place or event starts a new generation)."""
    def render():
        return mark_safe(get_template("outages/includes/alert.html").render(outages_alert()))

    key = ("outages_alert", translation.get_language(), timezone.get_current_timezone_name())
    return memo_until(key, render, _outage_instants)


def _outage_instants():
    ahead = datetime.timedelta(days=COMING_DAYS)
    now = timezone.now()
    rows = (Outage.objects.filter(status=outage_status.ANNOUNCED)
            .filter(Q(ends_at__gt=now) | Q(starts_at__gt=now)).values_list("starts_at", "ends_at"))
    return [instant for starts_at, ends_at in rows for instant in (starts_at, ends_at, starts_at - ahead)]
