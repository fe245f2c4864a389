"""Bad input in every tool, through its page: a clear message next to the field, the values kept, never a 500."""
import html as html_lib
import re
from urllib.parse import urlencode

import pytest

from tests.calculators.test_tool_pages import tools  # noqa: F401  (the fixture: the three tool pages)
from tests.calculators.test_tool_pages import url

pytestmark = pytest.mark.django_db

VALID = {
    "connection_fee": {"calculate": "1", "category": "household", "kw": "15", "voltage": "0.4", "area": "town",
                       "distance_m": "300", "line": "overhead", "metering_points": "1", "date": "01.03.2026"},
    "bill": {"calculate": "1", "consumer_group": "urban_gas", "mode": "total", "total_kwh": "300",
             "date": "01.03.2026"},
    "eligibility": {"calculate": "1", "family_size": "3", "income": "45000", "payments": "12000",
                    "heating_season": "yes", "date": "01.03.2026"},
}
NEGATIVE, HUGE, NOT_A_NUMBER, BEFORE_ANY_PERIOD = "-5", "1" + "0" * 30, "пятнадцать", "01.01.2001"

CASES = [
    (kind, field, value)
    for kind, fields in {
        "connection_fee": ("kw", "distance_m", "metering_points"),
        "bill": ("total_kwh", "night_share"),
        "eligibility": ("family_size", "income", "payments"),
    }.items()
    for field in fields
    for value in (NEGATIVE, HUGE, NOT_A_NUMBER)
] + [(kind, "date", value) for kind in VALID for value in (BEFORE_ANY_PERIOD, "01.01.1990", "31.02.2026", "вчера")]


def _field_block(html, field):
    """The markup from the field's error message to its input: they must be next to each other."""
    error = html.find(f'id="id_{field}-error"')
    control = html.find(f'name="{field}"', error if error >= 0 else 0)
    return error, control


@pytest.mark.parametrize("kind, field, value", CASES)
def test_bad_input_is_explained_next_to_the_field_and_kept(client, tools, kind, field, value):
    page_url = url(tools[kind], "ru")
    response = client.get(page_url + "?" + urlencode({**VALID[kind], field: value}))
    html = response.content.decode()
    assert response.status_code == 400, (kind, field, value, response.status_code)
    error, control = _field_block(html, field)
    assert error >= 0, f"no message by {field} for {value!r}"
    assert 0 < control - error < 1500, "the message is not next to its field"
    message = re.search(rf'id="id_{field}-error">(.*?)</p>', html, re.S).group(1)
    assert len(re.sub(r"<[^>]+>|Ошибка:", "", message).strip()) > 15, message  # a sentence, not a code
    assert f'value="{html_lib.escape(value)}"' in html, "the value typed is not kept"
    assert f'href="#id_{field}"' in html  # the error summary at the top links to the field
    for other, typed in VALID[kind].items():  # the other answers are kept too
        if other not in (field, "calculate", "heating_season", "mode", "consumer_group", "category", "voltage",
                         "area", "line"):
            assert f'value="{typed}"' in html, other


@pytest.mark.parametrize("kind", list(VALID))
def test_bad_input_in_english_is_explained_in_english(client, tools, kind):
    response = client.get(url(tools[kind], "en") + "?" + urlencode({**VALID[kind], "date": "yesterday"}))
    from django.utils import translation
    translation.activate("ru")
    assert response.status_code == 400
    message = re.search(r'id="id_date-error">(.*?)</p>', response.content.decode(), re.S).group(1)
    assert not re.search("[а-яА-Я]", message), message


@pytest.mark.parametrize("kind", list(VALID))
def test_valid_input_answers_on_the_page(client, tools, kind):
    response = client.get(url(tools[kind], "ru") + "?" + urlencode(VALID[kind]))
    assert response.status_code == 200 and "calculator__answer" in response.content.decode()
