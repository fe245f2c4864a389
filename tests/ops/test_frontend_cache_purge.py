"""Publishing purges each affected URL once, in both languages, and only after the commit."""
import pytest
from django.test import override_settings

from tests.ops import recording_cache_backend as recording

CACHE = {"recording": {"BACKEND": "tests.ops.recording_cache_backend.RecordingBackend"}}


@pytest.fixture
def purged():
    recording.PURGED.clear()
    yield recording.PURGED
    recording.PURGED.clear()


@pytest.mark.django_db(transaction=True)
def test_publish_purges_every_language_once_after_commit(purged):
    from tests.factories import ContentPageFactory, SectionPageFactory, make_site

    home = make_site()
    section = SectionPageFactory(parent=home, slug="potrebitelyam", slug_en="customers")
    page = ContentPageFactory(parent=section, slug="o-dostupnosti", slug_en="accessibility")
    purged.clear()
    with override_settings(WAGTAILFRONTENDCACHE=CACHE):
        page.title_en = "Accessibility, updated"
        page.save_revision().publish()
    urls = [url for url, _in_transaction in purged]
    assert len(urls) == len(set(urls)), f"purged twice: {urls}"
    assert any(url.endswith("/ru/potrebitelyam/o-dostupnosti/") for url in urls)
    assert any(url.endswith("/en/customers/accessibility/") for url in urls)
    assert any(url.endswith("/ru/potrebitelyam/") for url in urls)  # the parent's listing changes too
    assert not [url for url, in_transaction in purged if in_transaction], "purged before the commit"


@pytest.mark.django_db(transaction=True)
def test_unpublish_purges_the_page(purged):
    from tests.factories import ContentPageFactory, make_site

    page = ContentPageFactory(parent=make_site(), slug="o-nas", slug_en="about")
    purged.clear()
    with override_settings(WAGTAILFRONTENDCACHE=CACHE):
        page.unpublish()
    urls = [url for url, _ in purged]
    assert any(url.endswith("/ru/o-nas/") for url in urls) and any(url.endswith("/en/about/") for url in urls)
    assert len(urls) == len(set(urls))
