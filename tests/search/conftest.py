import pytest


@pytest.fixture
def sample(home):
    """Demo-like pages of every type in both languages, indexed."""
    from search import engine
    from search.evaluation.sample_content import build
    pages = build(home)
    engine.rebuild()
    return pages
