"""Home page hooks: ``{% outages_in_progress_count as n %}`` and ``{% outages_alert %}``."""
from django import template

from outages.lookup import in_progress_count

register = template.Library()


@register.simple_tag
def outages_in_progress_count():
    return in_progress_count()


@register.inclusion_tag("outages/includes/alert.html")
def outages_alert():
    """The alert banner: shown only while outages are in progress."""
    return {"count": in_progress_count()}
