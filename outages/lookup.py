"""Address lookup: the functions other parts of the portal call.

- ``outages_for_address(settlement, street, house, at=None)``: the report form's pre-check.
- ``current_outages_matching(text, lang)``: the site search's outage answer.
- ``in_progress_count()``: the home page's top task and the alert banner.
- ``coming_planned()``: the planned outages of the coming week the home page announces.
- ``check_address(...)``: the public "is my address affected?" page.
"""
import datetime
import difflib
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone, translation

from outages import addresses
from outages import status as st
from outages.models import Outage, OutageLocation, Settlement, Street


def find_settlements(text):
    """Settlements named ``text``; «Березник (Виноградовский округ)» narrows by district."""
    text = text or ""
    district = ""
    if "(" in text:
        text, district = text.split("(", 1)
        district = addresses.fold(district)
    key = addresses.settlement_key(text)
    if not key:
        return []
    found = list(Settlement.objects.filter(Q(key=key) | Q(key_alt=key)))
    if district and len(found) > 1:
        found = [s for s in found if addresses.fold(s.municipal_district_ru or "") == district
                 or addresses.fold(s.municipal_district_en or "") == district] or found
    return found


def suggest_settlements(text, limit=5):
    key = addresses.settlement_key(text)
    if not key:
        return []
    names = dict(Settlement.objects.values_list("key", "pk"))
    close = difflib.get_close_matches(key, list(names), n=limit, cutoff=0.6)
    prefix = [k for k in names if k.startswith(key[:3])][:limit]
    keys = list(dict.fromkeys(close + prefix))[:limit]
    return list(Settlement.objects.filter(pk__in=[names[k] for k in keys]))


def find_street(settlement, text):
    """The street of this settlement spelled by ``text``, or None (ambiguous counts as None)."""
    street_type, key = addresses.street_key(text)
    if not key:
        return None
    candidates = list(Street.objects.filter(Q(key=key) | Q(key_alt=key), settlement=settlement))
    if len(candidates) > 1 and street_type:
        candidates = [s for s in candidates if s.street_type == street_type]
    if len(candidates) > 1:
        # «Ленина» with both «ул.» and «пер.» in town: prefer the plain street, as people do.
        plain = [s for s in candidates if s.street_type == "ул"]
        candidates = plain or candidates
    return candidates[0] if len(candidates) >= 1 else None


def suggest_streets(settlement, text, limit=5):
    _, key = addresses.street_key(text)
    if not key:
        return []
    streets = dict(Street.objects.filter(settlement=settlement).values_list("key", "pk"))
    close = difflib.get_close_matches(key, list(streets), n=limit, cutoff=0.6)
    prefix = [k for k in streets if k.startswith(key[:3])][:limit]
    keys = list(dict.fromkeys(close + prefix))[:limit]
    return list(Street.objects.filter(pk__in=[streets[k] for k in keys]).order_by("key"))


def _resolve_settlement(settlement):
    if settlement is None or isinstance(settlement, Settlement):
        return settlement
    found = find_settlements(str(settlement))
    return found[0] if found else None


def outages_for_address(settlement, street=None, house=None, at=None, include_coming=True):
    """Outages affecting an address, in progress first, then coming ones by start.

    ``settlement`` and ``street`` may be model instances or text in any usual spelling; ``house``
    is text («12а») or a number. With no street (or an unknown one) every outage in the settlement
    is returned, since the citizen could be anywhere in it. An unknown settlement gives [].
    ``include_coming=False`` keeps only outages in progress at ``at`` (default: now).
    """
    at = at or timezone.now()
    settlement = _resolve_settlement(settlement)
    if settlement is None:
        return []
    if street is not None and not isinstance(street, Street):
        street = find_street(settlement, str(street)) if str(street).strip() else None
    if include_coming:
        live = Q(outage__status=st.IN_PROGRESS) | Q(outage__status=st.ANNOUNCED, outage__ends_at__gt=at)
    else:
        live = Q(outage__status=st.IN_PROGRESS) | Q(outage__status=st.ANNOUNCED, outage__starts_at__lte=at,
                                                   outage__ends_at__gt=at)
    locations = OutageLocation.objects.filter(live, settlement=settlement)
    if street is not None:
        locations = locations.filter(Q(street__isnull=True) | Q(street=street))
    # Light rows first (the hot path of every lookup), full objects only for the matches.
    matched = set()
    for outage_id, street_id, houses in locations.values_list("outage_id", "street_id", "houses"):
        if street is not None and street_id and house not in (None, "") and houses:
            try:
                if not addresses.house_in_ranges(house, addresses.parse_house_ranges(houses)):
                    continue
            except addresses.HouseRangeError:
                pass  # unreadable ranges: better to warn the whole street than nobody
        matched.add(outage_id)
    if not matched:
        return []
    outages = Outage.objects.filter(pk__in=matched).select_related("network_district")
    return sorted(outages, key=lambda o: (o.public_status(at) != st.IN_PROGRESS, o.starts_at, o.pk))


@dataclass
class AddressAnswer:
    """What the "is my address affected?" page says; ``problem`` names what could not be found."""
    settlement_text: str = ""
    street_text: str = ""
    house_text: str = ""
    settlement: Settlement = None
    street: Street = None
    settlement_choices: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)
    outages: list = field(default_factory=list)
    problem: str = ""  # "", "settlement", "ambiguous", "street"

    @property
    def affected(self):
        return bool(self.outages)


def check_address(settlement_text, street_text="", house_text="", settlement_id=None, at=None):
    answer = AddressAnswer(settlement_text=settlement_text, street_text=street_text, house_text=house_text)
    candidates = find_settlements(settlement_text)
    if settlement_id:
        candidates = [s for s in candidates if str(s.pk) == str(settlement_id)] or candidates
    if not candidates:
        answer.problem = "settlement"
        answer.suggestions = suggest_settlements(settlement_text)
        return answer
    if len(candidates) > 1:
        answer.problem = "ambiguous"
        answer.settlement_choices = candidates
        return answer
    answer.settlement = settlement = candidates[0]
    if street_text.strip():
        answer.street = find_street(settlement, street_text)
        if answer.street is None:
            answer.problem = "street"
            answer.suggestions = suggest_streets(settlement, street_text)
            # Whole-settlement outages still concern this citizen, whatever the street.
            answer.outages = [o for o in outages_for_address(settlement, None, at=at)
                              if any(loc.street_id is None for loc in o.locations.all())]
            return answer
    answer.outages = outages_for_address(settlement, answer.street, house_text, at=at)
    return answer


def in_progress_count(now=None):
    """Outages in progress now, for the home page's top task and the alert banner."""
    return Outage.objects.in_progress(now).count()


COMING_DAYS = 7  # the home page announces planned outages starting within a week


def coming_planned(now=None, days=COMING_DAYS, limit=3):
    """Planned outages announced to start within ``days``, soonest first: the home page's notice
    of them comes from the registry, never from a typed banner."""
    now = now or timezone.now()
    return list(Outage.objects.filter(kind=st.PLANNED, status=st.ANNOUNCED, starts_at__gt=now,
                                      starts_at__lte=now + datetime.timedelta(days=days))
                .order_by("starts_at", "pk").prefetch_related("locations__settlement", "locations__street")[:limit])


# ---- free text (site search) ------------------------------------------------------------------

STOP_WORDS = {
    "нет", "света", "свет", "электричества", "электричество", "электроэнергии", "электроэнергия",
    "отключение", "отключения", "отключили", "отключат", "когда", "дадут", "включат", "где", "почему",
    "в", "на", "по", "и", "у", "от", "до", "с", "со", "the", "no", "power", "outage", "outages", "in", "on",
    "planned", "плановое", "плановые", "аварийное", "авария",
}


def _ngrams(words, max_len=4):
    for size in range(1, max_len + 1):
        for i in range(len(words) - size + 1):
            yield " ".join(words[i:i + size])


def current_outages_matching(text, lang="ru", limit=5, now=None):
    """Current and coming outages whose places are named in free text, most relevant first.

    «нет света Котлас» matches the settlement (any case ending); «отключение улица Ленина» matches
    streets by name in any settlement; a settlement and a street together narrow to that street.
    Returns dicts (title, url, summary, status, kind, in_progress, starts_at, ends_at, phone) in
    ``lang``; [] when no place is recognised, so the search can show the report-an-outage route.
    """
    now = now or timezone.now()
    words = addresses.fold(text).split()
    if not words:
        return []
    has_street_word = any(w in addresses.STREET_TYPES for w in words)
    content = [w for w in words if w not in STOP_WORDS and w not in addresses.SETTLEMENT_TYPES]
    settlements = []
    for pk, key, key_alt in Settlement.objects.values_list("pk", "key", "key_alt"):
        for k in filter(None, (key, key_alt)):
            kw = k.split()
            for i in range(len(content) - len(kw) + 1):
                if all(addresses.word_forms_match(content[i + j], kw[j]) for j in range(len(kw))):
                    settlements.append(pk)
    street_words = [w for w in content if w not in addresses.STREET_TYPES]
    streets = []
    if street_words and (has_street_word or settlements):
        grams = list(_ngrams(street_words))
        qs = Street.objects.filter(Q(key__in=grams) | Q(key_alt__in=grams))
        if settlements:
            qs = qs.filter(settlement_id__in=settlements)
        found = list(qs.values_list("pk", "street_type")[:200])
        wanted_types = {addresses.STREET_TYPES[w] for w in words if w in addresses.STREET_TYPES}
        typed = [pk for pk, street_type in found if street_type in wanted_types]
        streets = typed or [pk for pk, _ in found]
    if not settlements and not streets:
        return []
    locations = OutageLocation.objects.order_by()  # places first: SQLite would otherwise scan live outages
    if streets:
        place = Q(street_id__in=streets)
        if settlements:
            place |= Q(settlement_id__in=settlements, street__isnull=True)
        else:
            place |= Q(street__isnull=True, settlement__streets__in=streets)
        locations = locations.filter(place)
    else:
        locations = locations.filter(settlement_id__in=settlements)
    outage_ids = set(locations.values_list("outage_id", flat=True)[:2000])
    if not outage_ids:
        return []
    # Rank on light rows, then load only the few outages shown, with their places in one query.
    rows = (Outage.objects.current(now).filter(pk__in=outage_ids).order_by()
            .values_list("pk", "status", "kind", "starts_at", "ends_at"))
    ranked = sorted(rows, key=lambda r: (st.public_status(r[1], r[3], r[4], now) != st.IN_PROGRESS,
                                         r[2] != st.EMERGENCY, r[3], r[0]))
    top = [r[0] for r in ranked[:limit]]
    by_pk = {o.pk: o for o in Outage.objects.filter(pk__in=top).select_related("network_district")}
    places = {}
    for loc in OutageLocation.objects.filter(outage_id__in=top).select_related("settlement", "street"):
        places.setdefault(loc.outage_id, []).append(loc)
    outages = []
    for pk in top:
        outage = by_pk[pk]
        outage.locations = sorted(places.get(pk, []), key=lambda loc: loc.sort_order)  # in memory (modelcluster)
        outages.append(outage)
    results = []
    with translation.override(lang):
        for outage in outages[:limit]:
            results.append({
                "title": outage.title,
                "url": outage.get_absolute_url(),
                "summary": str(outage.reason),
                "status": outage.public_status(now),
                "status_label": str(outage.public_status_label(now)),
                "kind": outage.kind,
                "in_progress": outage.public_status(now) == st.IN_PROGRESS,
                "starts_at": outage.starts_at,
                "ends_at": outage.ends_at,
                "phone": outage.phone,
            })
    return results
