"""Who may see which case: the one place every admin view of a case, or of anything that hangs
off a case (events, notes, replies, attachments, outgoing e-mails), asks.

The rule:

- superusers and members of the Administrators group see every case and every outgoing e-mail;
- any other user sees the cases of the units whose officers group (``Unit.officers``) they are
  in, and the cases appealed against by those cases (the higher unit reviewing an appeal must
  read the decision it reviews);
- nobody else sees a case: content editors and moderators are not case officers. (They also
  lack the model permissions, so Wagtail turns them away before this rule is even asked.)

An officer asking for a case outside this rule gets 404, as if it did not exist.

Outgoing e-mails follow their case; an e-mail without a case (the daily overdue summary to a unit
head) is shown to administrators only. Access codes and tokens are blanked (``redact``) wherever
the admin shows an e-mail: nobody needs them there, and with one an officer could open a
citizen's status page and rate their case.
"""
import re

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.shortcuts import get_object_or_404

from cases.models import Case, OutgoingEmail, Unit
from editorial.roles import ADMINISTRATORS

MASK = "«••••»"


def sees_all(user):
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_cases_sees_all", None)
    if cached is None:
        cached = user.groups.filter(name=ADMINISTRATORS).exists()
        user._cases_sees_all = cached
    return cached


def unit_ids(user):
    """The units whose officers group the user is in."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Unit.objects.filter(officers__in=user.groups.all()).values_list("pk", flat=True))


def unit_officers(unit):
    """Active members of the unit's officers group: who may be assigned its cases."""
    users = get_user_model().objects.filter(is_active=True)
    if unit is None or not unit.officers_id:
        return users.none()
    return users.filter(groups=unit.officers_id)


def visible_cases(user, queryset=None):
    """``queryset`` (default: every case) cut down to what ``user`` may see."""
    queryset = Case.objects.all() if queryset is None else queryset
    if sees_all(user):
        return queryset
    units = unit_ids(user)
    if not units:
        return queryset.none()
    own = Case.objects.filter(unit__in=units)
    appealed = Case.objects.filter(appeals__unit__in=units)
    return queryset.filter(Q(pk__in=own.values("pk")) | Q(pk__in=appealed.values("pk")))


def can_see_case(user, case_or_pk):
    pk = getattr(case_or_pk, "pk", case_or_pk)
    return pk is not None and visible_cases(user).filter(pk=pk).exists()


def visible_case_or_404(user, pk, queryset=None):
    return get_object_or_404(visible_cases(user, queryset), pk=pk)


def visible_emails(user, queryset=None):
    """Outgoing e-mails of the cases ``user`` sees; e-mails without a case for administrators."""
    queryset = OutgoingEmail.objects.all() if queryset is None else queryset
    if sees_all(user):
        return queryset
    return queryset.filter(case__in=visible_cases(user).values("pk"))


def visible_children(user, queryset):
    """Events, notes, replies, attachments: anything with a ``case`` foreign key."""
    if sees_all(user):
        return queryset
    return queryset.filter(case__in=visible_cases(user).values("pk"))


# --- redaction of secrets in outgoing e-mails ----------------------------------------------------

# "Код доступа для проверки статуса: 123456." / "Access code for checking the status: 123456."
_CODE_AFTER_LABEL = re.compile(r"(?i)((?:код\w*\s+доступа|access\s+code)[^:\n]{0,60}:\s*)([0-9A-Za-z]{4,64})")
# Confirmation, unsubscribe and cancel links carry a secret token as a path segment or parameter.
_TOKEN_IN_PATH = re.compile(r"(?i)(/(?:confirm|unsubscribe|cancel|token|verify)/)([A-Za-z0-9_\-]{8,})")
_TOKEN_IN_QUERY = re.compile(r"(?i)([?&](?:token|code|access_code|key)=)([^&\s]+)")


def redact(text, case=None):
    """``text`` with access codes and tokens replaced by «••••»."""
    if not text:
        return text
    code = getattr(case, "access_code", "") if case is not None else ""
    if code and len(code) >= 4:
        text = text.replace(code, MASK)
    text = _CODE_AFTER_LABEL.sub(lambda m: m.group(1) + MASK, text)
    text = _TOKEN_IN_PATH.sub(lambda m: m.group(1) + MASK, text)
    text = _TOKEN_IN_QUERY.sub(lambda m: m.group(1) + MASK, text)
    return text
