"""Home page hooks: ``{% outages_in_progress_count as n %}`` and ``{% outages_alert %}``."""
from django import template

from outages.lookup import COMING_DAYS, coming_planned, in_progress_count

register = template.Library()


@register.simple_tag
def outages_in_progress_count():
    return in_progress_count()


@register.inclusion_tag("outages/includes/alert.html")
def outages_alert():
    """The alert banner: outages in progress now, and the planned ones of the coming week, from
    the registry (a typed banner would disagree with it the day the works move)."""
    return {"count": in_progress_count(), "coming": coming_planned(), "coming_days": COMING_DAYS}
