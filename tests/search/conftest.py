import pytest


@pytest.fixture
def sample(home):
    """Demo-like pages of every type in both languages, indexed."""
    from search import engine
    from search.evaluation.sample_content import build
    pages = build(home)
    engine.rebuild()
    return pages


@pytest.fixture(autouse=True)
def fresh_answer_cache():
    """Answer pages are kept per index generation; a rolled-back test may leave its token behind."""
    from search import answers
    answers.clear()
    yield
    answers.clear()
