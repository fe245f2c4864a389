"""Builders for outage tests: small, explicit, no magic."""
import datetime

from django.utils import timezone

from outages import status as st
from outages.models import (NetworkDistrict, Outage, OutageLocation, Settlement, Street,
                            SubscriptionConsentText)


def district(code="kotlas", name="Котласский РЭС", phone="+7 (81837) 0-00-02"):
    obj, _ = NetworkDistrict.objects.get_or_create(code=code, defaults={"name": name, "name_ru": name,
                                                                        "name_en": "Kotlas district", "phone": phone})
    return obj


def settlement(name="Котлас", slug=None, name_en="", network_district=None, municipal_district=""):
    obj = Settlement(name=name, name_ru=name, name_en=name_en, slug=slug or f"s-{Settlement.objects.count() + 1}",
                     network_district=network_district or district(), municipal_district=municipal_district,
                     municipal_district_ru=municipal_district)
    obj.save()
    return obj


def street(settlement_obj, name, name_en=""):
    obj = Street(settlement=settlement_obj, name=name, name_ru=name, name_en=name_en)
    obj.save()
    return obj


def outage(places, starts_in=datetime.timedelta(days=1), hours=8, kind=st.PLANNED, status=st.ANNOUNCED,
           reason="Замена опор", reason_en="Replacing poles", network_district=None, external_id=""):
    """places: list of (settlement, street or None, houses)."""
    start = timezone.now() + starts_in
    obj = Outage(kind=kind, status=status, starts_at=start, ends_at=start + datetime.timedelta(hours=hours),
                 reason=reason, reason_ru=reason, reason_en=reason_en, external_id=external_id,
                 network_district=network_district or district())
    obj.save()
    for i, (s, strt, houses) in enumerate(places):
        OutageLocation.objects.create(outage=obj, settlement=s, street=strt, houses=houses, sort_order=i)
    return obj


def consent_text(version="1.0"):
    obj, _ = SubscriptionConsentText.objects.get_or_create(
        version=version, defaults={"text": "Согласие на обработку адреса почты", "text_ru": "Согласие на обработку адреса почты",
                                   "text_en": "Consent to process my e-mail", "valid_from": datetime.date(2025, 9, 1)})
    return obj
