import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def russian_by_default():
    """A request to /en/ leaves English active in the test thread; start every test in Russian."""
    translation.activate("ru")
    yield
    translation.activate("ru")


@pytest.fixture
def home(db):
    from tests.factories import make_site
    return make_site()
