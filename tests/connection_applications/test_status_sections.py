"""The status-page registry (cases.status_sections): a section that fails is left out and the
page still answers; sections render in the visitor's language."""
import pytest

from cases import status_sections

pytestmark = pytest.mark.django_db


def test_a_failing_section_costs_the_citizen_nothing(client, connection_case):
    def broken(case, request):
        raise RuntimeError("bug in another app")

    status_sections.register(broken)
    try:
        case = connection_case()
        response = client.post("/ru/requests/status/", {"reference": case.reference, "access_code": case.access_code})
        assert response.status_code == 200
        html = response.content.decode()
        assert case.reference in html and "Этапы заявки на присоединение" in html
    finally:
        status_sections.unregister(broken)


def test_registering_twice_adds_once_and_wrong_results_are_dropped(connection_case):
    def odd(case, request):
        return "<p>not marked safe</p>"

    status_sections.register(odd)
    status_sections.register(odd)
    try:
        assert status_sections._sections.count(odd) == 1
        rendered = status_sections.sections_for(connection_case(), None)
        assert all("not marked safe" not in html for html in rendered)
        assert len(rendered) == 1  # the connection stages only
    finally:
        status_sections.unregister(odd)
