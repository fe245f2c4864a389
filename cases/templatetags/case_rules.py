"""Figures of the case rules for templates outside the cases app (the footer's contacts block),
read from their one home instead of typed."""
from django import template
from django.db import DatabaseError

from cases.models import RoutingRule
from cases.request_types import CALLBACK
from cases.rules.deadlines import HOURS
from ops.render_cache import memo  # on every page's footer: once per generation (rules are watched)

register = template.Library()


@register.simple_tag
def callback_target_hours():
    """The callback target in the call centre's working hours (the "callback" routing rule), or
    None when there is no such rule (or the database cannot be read: the footer must still render)."""
    def read():
        try:
            rule = RoutingRule.objects.filter(request_type=CALLBACK, deadline_kind=HOURS).first()
        except DatabaseError:
            return None
        return rule.deadline_days if rule else None

    return memo(("callback_target_hours",), read)
