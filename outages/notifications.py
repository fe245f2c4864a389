"""Subscription e-mails: the confirmation (double opt-in) and the outage notices.

A notice is keyed by (subscription, outage, fingerprint): the fingerprint changes only when what a
citizen cares about changes (status, times, reason, places), so a re-run of the cron job, an edit of
a progress message or a second worker never sends the same notice twice.
"""
import datetime
import hashlib
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from outages import status as st
from outages.models import Notification, Outage, Subscription

logger = logging.getLogger(__name__)
UNCONFIRMED_RETENTION = datetime.timedelta(days=7)


def site_base_url():
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site and site.hostname not in ("localhost", ""):
        return site.root_url.rstrip("/")
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "http://localhost").rstrip("/")


def absolute(path):
    return site_base_url() + path


def fingerprint(outage):
    places = sorted(f"{loc.settlement_id}:{loc.street_id}:{loc.houses}" for loc in outage.locations.all())
    raw = "|".join([outage.kind, outage.status, outage.starts_at.isoformat(), outage.ends_at.isoformat(),
                    outage.reason_ru or "", outage.reason_en or "", *places])
    return hashlib.sha256(raw.encode()).hexdigest()


def unsubscribe_url(subscription):
    with translation.override(subscription.language):
        return absolute(reverse("outages:unsubscribe", args=[subscription.token]))


def send_confirmation(subscription):
    with translation.override(subscription.language):
        context = {"subscription": subscription,
                   "confirm_url": absolute(reverse("outages:confirm", args=[subscription.token])),
                   "unsubscribe_url": unsubscribe_url(subscription)}
        subject = render_to_string("outages/emails/confirm_subject.txt", context).strip()
        body = render_to_string("outages/emails/confirm.txt", context)
    EmailMessage(subject, body, to=[subscription.email]).send()


def outages_for_subscription(subscription, now):
    """Open outages at the subscribed place, and closed ones the subscriber was already told about."""
    place = Q(locations__settlement_id=subscription.settlement_id)
    if subscription.street_id:
        place &= Q(locations__street__isnull=True) | Q(locations__street_id=subscription.street_id)
    told = Notification.objects.filter(subscription=subscription).values("outage_id")
    return (Outage.objects.filter(place)
            .filter(Q(pk__in=Outage.objects.current(now)) | Q(status__in=[st.RESTORED, st.CANCELLED], pk__in=told))
            .distinct().select_related("network_district").prefetch_related("locations__settlement", "locations__street")
            .order_by("starts_at"))


def pending_notices(subscription, now):
    sent = set(Notification.objects.filter(subscription=subscription).values_list("outage_id", "fingerprint"))
    notices = []
    for outage in outages_for_subscription(subscription, now):
        fp = fingerprint(outage)
        if (outage.pk, fp) not in sent:
            notices.append((outage, fp, any(o == outage.pk for o, _ in sent)))
    return notices


def send_notice(subscription, notices, now):
    """One e-mail per subscriber and run; rows first, so a failed send rolls back and retries later."""
    try:
        with transaction.atomic():
            for outage, fp, _changed in notices:
                Notification.objects.create(subscription=subscription, outage=outage, fingerprint=fp, sent_at=now)
            with translation.override(subscription.language):
                items = [{"outage": o, "changed": changed, "url": absolute(o.get_absolute_url()),
                          "status": o.public_status_label(now)} for o, _fp, changed in notices]
                unsubscribe = unsubscribe_url(subscription)
                context = {"subscription": subscription, "items": items, "unsubscribe_url": unsubscribe}
                subject = render_to_string("outages/emails/notice_subject.txt", context).strip()
                body = render_to_string("outages/emails/notice.txt", context)
            message = EmailMessage(subject, body, to=[subscription.email], headers={
                "List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
            message.send()
    except IntegrityError:
        return False  # another worker sent it
    except Exception:  # the mail server failed: nothing recorded, the next run retries
        logger.exception("outage notice to subscription %s failed", subscription.pk)
        return False
    return True


def send_notifications(now=None):
    """Send every pending notice; returns the number of e-mails sent."""
    now = now or timezone.now()
    sent = 0
    active = (Subscription.objects.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)
              .exclude(email="").select_related("settlement", "street"))
    for subscription in active.iterator():
        notices = pending_notices(subscription, now)
        if notices and send_notice(subscription, notices, now):
            sent += 1
    return sent


def purge_unconfirmed(now=None):
    """Unconfirmed requests are kept 7 days (enough to click the link), then deleted."""
    now = now or timezone.now()
    deleted, _ = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=now - UNCONFIRMED_RETENTION).delete()
    return deleted
