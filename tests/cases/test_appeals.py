"""An appeal is attached to an earlier case only with that case's access code (issue 12)."""
import pytest

from cases.models import Case

pytestmark = pytest.mark.django_db


@pytest.fixture
def earlier(journey):
    return journey.run("supply_quality", {"site_address": "ул. Мира, 1", "message": "Жалоба"})


def appeal_details(earlier, code=None, **extra):
    data = {"earlier_reference": earlier.reference, "message": "Не согласен с ответом"}
    if code is not None:
        data["earlier_access_code"] = code
    return {**data, **extra}


def test_right_code_links_the_appeal(journey, client, earlier):
    journey.choose("appeal")
    assert journey.details(appeal_details(earlier, code=f" {earlier.access_code} ")).status_code == 302
    journey.contact()
    check = journey.check_page().content.decode()
    assert "Код доступа проверен" in check and earlier.reference in check
    response, token = journey.submit()
    appeal = Case.objects.get(submission_key=token)
    assert appeal.appeal_of == earlier and appeal.unit.code == "appeals"
    assert earlier.access_code not in str(appeal.details)  # the code is never stored with the appeal
    assert "earlier_access_code" not in client.session.get("cases_draft", {}).get("details", {})


def test_wrong_code_keeps_everything_typed(journey, earlier):
    journey.choose("appeal")
    wrong = "000000" if earlier.access_code != "000000" else "111111"
    response = journey.details(appeal_details(earlier, code=wrong, message="Мой подробный текст жалобы"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Код доступа не подходит к обращению с этим номером" in html
    assert "Мой подробный текст жалобы" in html and earlier.reference in html
    assert 'aria-invalid="true"' in html
    # the same page, corrected, goes on
    assert journey.details(appeal_details(earlier, code=earlier.access_code)).status_code == 302


def test_unknown_reference_with_code_says_the_same(journey, earlier):
    from cases.rules.reference import generate_reference
    number = next(r for r in iter(lambda: generate_reference(2026), None) if r != earlier.reference)
    journey.choose("appeal")
    unknown = journey.details({"earlier_reference": number, "earlier_access_code": earlier.access_code,
                               "message": "Текст"})
    assert unknown.status_code == 400
    assert "Код доступа не подходит к обращению с этим номером" in unknown.content.decode()


def test_without_code_filed_but_not_linked(journey, earlier):
    appeal = journey.run("appeal", appeal_details(earlier))
    assert appeal.appeal_of is None
    assert appeal.earlier_reference == earlier.reference  # the officer sees the number and links it
    assert appeal.unit.code == "appeals"


def test_changing_the_number_drops_the_checked_link(journey):
    first = journey.run("supply_quality", {"site_address": "ул. Мира, 1", "message": "Первое"})
    second = journey.run("tariff", {"message": "Второе"})
    journey.choose("appeal")
    assert journey.details(appeal_details(first, code=first.access_code)).status_code == 302
    journey.contact()
    # back to the questions: the number is changed, no code typed for the new one
    assert journey.details(appeal_details(second), change=True).status_code == 302
    assert "Код доступа не указан" in journey.check_page().content.decode()
    response, token = journey.submit()
    assert Case.objects.get(submission_key=token).appeal_of is None


def test_code_guessing_is_limited_per_address(journey, client, earlier, settings):
    settings.CASES_STATUS_LIMIT = "3/900"
    journey.choose("appeal")
    codes = [c for c in ("000001", "000002", "000003", "000004") if c != earlier.access_code][:3]
    for code in codes:
        assert journey.details(appeal_details(earlier, code=code)).status_code == 400
    blocked = journey.details(appeal_details(earlier, code=earlier.access_code))
    assert blocked.status_code == 429
    assert "Слишком много неверных кодов доступа" in blocked.content.decode()
    # the same budget as the status lookup: guessing here also stops guessing there
    pair = {"reference": earlier.reference, "access_code": earlier.access_code}
    assert client.post("/ru/requests/status/", pair).status_code == 429
    # a citizen without the code can still file the appeal (unlinked)
    assert journey.details(appeal_details(earlier)).status_code == 302
    # another address is not held back
    other = journey.details(appeal_details(earlier, code=earlier.access_code), REMOTE_ADDR="127.0.0.9")
    assert other.status_code == 302


def test_english_form_asks_for_the_code(client):
    client.post("/en/requests/new/", {"request_type": "appeal"})
    html = client.get("/en/requests/new/details/").content.decode()
    assert 'name="earlier_access_code"' in html
    assert "Access code" in html
