"""Where a request goes: the company's own unit or a third party, and whether the applicant's
separate consent is needed before their data is passed on (152-FZ art. 6, 9)."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Route:
    request_type: str
    unit_id: int
    unit_name: str
    is_third_party: bool
    third_party_email: str
    deadline_days: int
    deadline_kind: str
    transfer_consent_required: bool
    reason: str


class NoRoute(LookupError):
    pass


def choose_route(request_type, routes):
    """``routes`` maps request types to Route; unknown types fall back to "other"."""
    if request_type in routes:
        return routes[request_type]
    if "other" in routes:
        return routes["other"]
    raise NoRoute(request_type)


def may_forward(route, transfer_consent):
    """A third party receives the applicant's data only with consent when the rule asks for it."""
    if not route.is_third_party:
        return False
    return transfer_consent or not route.transfer_consent_required


def needs_transfer_consent_question(route):
    return route.is_third_party and route.transfer_consent_required
