"""RSS and iCalendar feeds of current and coming outages, for the region or one settlement."""
import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from outages.models import Outage, Settlement
from outages.notifications import site_base_url

FEED_SIZE = 200


def _outages(settlement=None):
    qs = Outage.objects.current()
    if settlement is not None:
        qs = qs.filter(locations__settlement=settlement).distinct()
    return (qs.select_related("network_district").prefetch_related("locations__settlement", "locations__street")
            .order_by("starts_at", "pk")[:FEED_SIZE])


class OutageRssFeed(Feed):
    def get_object(self, request, slug=None):
        return get_object_or_404(Settlement, slug=slug) if slug else None

    def title(self, obj):
        if obj:
            return _("Отключения электроэнергии: %(name)s") % {"name": obj.name}
        return _("Отключения электроэнергии в Архангельской области")

    def link(self, obj):
        url = reverse("outages:list")
        return f"{url}?settlement={obj.pk}" if obj else url

    def description(self, obj):
        return _("Плановые и аварийные отключения: где, когда и почему.")

    def items(self, obj):
        return _outages(obj)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        parts = [f"{item.public_status_label()}. {item.reason}"]
        if item.advice:
            parts.append(item.advice)
        parts.append(_("Телефон РЭС: %(phone)s") % {"phone": item.phone})
        return "\n".join(parts)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"outage-{item.pk}-{int(item.updated_at.timestamp())}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at


def _escape(text):
    return (str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", ""))


def _fold(line):
    """RFC 5545: lines longer than 75 octets continue on the next line after a space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for ch in line:
        encoded = ch.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(value):
    return value.astimezone(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def ical_feed(request, slug=None):
    settlement = get_object_or_404(Settlement, slug=slug) if slug else None
    base = site_base_url()
    host = base.split("://", 1)[-1].split("/", 1)[0] or "localhost"
    name = (_("Отключения электроэнергии: %(name)s") % {"name": settlement.name} if settlement
            else _("Отключения электроэнергии в Архангельской области"))
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//{host}//outages//{get_language().upper()}",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{_escape(name)}",
             "X-PUBLISHED-TTL:PT1H"]
    now = _utc(timezone.now())
    for outage in _outages(settlement):
        url = base + outage.get_absolute_url()
        description = f"{outage.public_status_label()}. {outage.reason}\n" + \
            _("Телефон РЭС: %(phone)s") % {"phone": outage.phone} + f"\n{url}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:outage-{outage.pk}@{host}",
            f"DTSTAMP:{now}",
            f"LAST-MODIFIED:{_utc(outage.updated_at)}",
            f"DTSTART:{_utc(outage.starts_at)}",
            f"DTEND:{_utc(outage.ends_at)}",
            f"SUMMARY:{_escape(outage.get_kind_display().capitalize() + ': ' + outage.places_text)}",
            f"LOCATION:{_escape(outage.places_text)}",
            f"DESCRIPTION:{_escape(description)}",
            f"URL:{url}",
            "STATUS:" + ("CANCELLED" if outage.status == "cancelled" else "CONFIRMED"),
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    body = "\r\n".join(_fold(line) for line in lines) + "\r\n"
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    filename = f"outages-{settlement.slug if settlement else 'all'}.ics"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=300"
    return response
