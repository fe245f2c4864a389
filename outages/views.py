"""Public pages: the list, one outage, "is my address affected?", subscriptions."""
import datetime

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cms_pages.templatetags.contacts import current_hotline
from outages import lookup, notifications
from outages import status as st
from outages.forms import AddressForm, OutageFilterForm, SubscribeForm
from outages.models import Outage, OutageLocation, Settlement, Subscription, SubscriptionConsentText

PUBLIC_MAX_AGE = 60  # outages change by the minute; the proxy may keep a list for one


def _render(request, template, context, status=200, cache=True):
    context.setdefault("hotline", current_hotline(request))  # the site setting (cms_pages.ContactSettings)
    context.setdefault("now", timezone.now())
    response = render(request, template, context, status=status)
    if cache and status == 200:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


def _with_places(qs):
    return qs.select_related("network_district").prefetch_related(
        Prefetch("locations", queryset=OutageLocation.objects.select_related("settlement", "street")))


def outage_list(request):
    form = OutageFilterForm(request.GET or None)
    now = timezone.now()
    outages = Outage.objects.current(now)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["district"]:
            outages = outages.filter(network_district=data["district"])
        if data["settlement"]:
            outages = outages.filter(locations__settlement=data["settlement"])
        if data["date"]:
            tz = timezone.get_current_timezone()
            day_start = datetime.datetime.combine(data["date"], datetime.time.min, tzinfo=tz)
            day_end = day_start + datetime.timedelta(days=1)
            outages = outages.filter(starts_at__lt=day_end).filter(Q(ends_at__gt=day_start) | Q(status=st.IN_PROGRESS))
        if data["kind"]:
            outages = outages.filter(kind=data["kind"])
    outages = _with_places(outages.distinct().order_by("starts_at", "pk"))
    page = Paginator(outages, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    in_progress = [o for o in page.object_list if o.public_status(now) == st.IN_PROGRESS]
    coming = [o for o in page.object_list if o.public_status(now) != st.IN_PROGRESS]
    invalid = form.is_bound and not form.is_valid()
    return _render(request, "outages/list.html", {
        "form": form, "page_obj": page, "in_progress": in_progress, "coming": coming, "query": query.urlencode(),
        "total": page.paginator.count, "in_progress_total": lookup.in_progress_count(now),
        "settlements": Settlement.objects.all(), "has_errors": invalid,
    }, status=400 if invalid else 200)


def outage_detail(request, pk):
    outage = get_object_or_404(_with_places(Outage.objects.all()), pk=pk)
    return _render(request, "outages/detail.html", {
        "outage": outage, "events": outage.events.all(), "public_status": outage.public_status(),
        "settlements": {loc.settlement for loc in outage.locations.all()},
    })


def address_check(request):
    if not request.GET:
        return _render(request, "outages/check.html", {"form": AddressForm()})
    form = AddressForm(request.GET)
    if not form.is_valid():
        return _render(request, "outages/check.html", {"form": form, "has_errors": True}, status=400)
    data = form.cleaned_data
    answer = lookup.check_address(data["settlement"], data["street"], data["house"],
                                  settlement_id=data.get("settlement_id"))
    return _render(request, "outages/check.html", {"form": form, "answer": answer,
                                                   "report_url": _report_url()})


def _report_url():
    try:
        return reverse("cases:start") + "?type=outage"
    except Exception:  # the case-intake app may not be wired in every configuration
        return ""


# ---- subscriptions ----------------------------------------------------------------------------

@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    consent = SubscriptionConsentText.current()
    if consent is None:
        return _render(request, "outages/subscribe_unavailable.html", {}, status=503, cache=False)
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            language = request.LANGUAGE_CODE if request.LANGUAGE_CODE in ("ru", "en") else "ru"
            existing = Subscription.objects.filter(email__iexact=data["email"], settlement=data["settlement_obj"],
                                                   street=data["street_obj"], unsubscribed_at__isnull=True).first()
            if existing and existing.confirmed_at:
                pass  # already subscribed: say nothing that would reveal it, send nothing
            elif existing and existing.created_at > timezone.now() - datetime.timedelta(minutes=10):
                pass  # a confirmation was just sent; do not let the form be used to flood a mailbox
            else:
                if existing:
                    existing.delete()
                subscription = Subscription.objects.create(
                    email=data["email"], settlement=data["settlement_obj"], street=data["street_obj"],
                    language=language, consent_text=consent, consent_version=consent.version,
                    consent_given_at=timezone.now(), consent_source=f"web:{request.path}")
                notifications.send_confirmation(subscription)
            return HttpResponseRedirect(reverse("outages:subscribe_sent"))
        return _render(request, "outages/subscribe.html", {"form": form, "consent": consent, "has_errors": True},
                       status=400, cache=False)
    initial = {k: request.GET.get(k, "")[:200] for k in ("settlement", "street") if request.GET.get(k)}
    return _render(request, "outages/subscribe.html", {"form": SubscribeForm(initial=initial), "consent": consent},
                   cache=False)


@never_cache
def subscribe_sent(request):
    return _render(request, "outages/subscribe_sent.html", {}, cache=False)


def _subscription(token):
    subscription = Subscription.objects.filter(token=token).select_related("settlement", "street").first()
    if subscription is None or not subscription.email:
        raise Http404
    return subscription


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """A GET only shows the button: mail scanners open links, and that must not subscribe anyone."""
    subscription = _subscription(token)
    if request.method == "POST" and not subscription.confirmed_at:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return _render(request, "outages/confirm.html", {"subscription": subscription}, cache=False)


@csrf_exempt  # RFC 8058 one-click: the mail client POSTs without a form of ours
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscription = Subscription.objects.filter(token=token).select_related("settlement", "street").first()
    if subscription is None:
        raise Http404
    done = bool(subscription.unsubscribed_at)
    if request.method == "POST" and not done:
        # The address is erased at once; the row keeps the consent record and the date of withdrawal.
        subscription.unsubscribed_at = timezone.now()
        subscription.email = ""
        subscription.save(update_fields=["unsubscribed_at", "email"])
        done = True
    return _render(request, "outages/unsubscribe.html", {"subscription": subscription, "done": done}, cache=False)
