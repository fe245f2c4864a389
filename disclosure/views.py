"""The public disclosure page: every item with its current document, its date and the archive."""
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from disclosure.labels import period_label
from disclosure.models import DisclosureItem, DisclosurePublication


def _items():
    return DisclosureItem.objects.prefetch_related(
        Prefetch("publications", queryset=DisclosurePublication.objects.select_related("document")))


def _entry(pub):
    return {"pub": pub, "document": pub.document, "period": period_label(pub.item.frequency, pub.period_start)}


def register(request):
    items = []
    for item in _items():
        current = item.current()
        items.append({"item": item, "current": _entry(current) if current else None,
                      "total": len(item.publications.all())})
    return render(request, "disclosure/register.html", {"items": items})


def item_detail(request, code):
    item = get_object_or_404(_items(), code=code)
    pubs = [_entry(p) for p in sorted(item.publications.all(), key=lambda p: (p.period_start, p.published_on, p.pk),
                                      reverse=True)]
    return render(request, "disclosure/item.html", {"item": item, "publications": pubs})
