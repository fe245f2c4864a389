"""load_demo: idempotent, bilingual, renders, and passes the publishing rules.

The command is slow, so it runs once per module (twice, to compare counts) inside a transaction
that is rolled back at the end: other test modules see the database as migrations left it.
"""
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from cms_pages import content_checks
from cms_pages import models as m
from demo.counts import demo_counts

PAGE_TYPES = [m.HomePage, m.SectionPage, m.TariffPage, m.ConnectionFeePage, m.SubsidyPage, m.ProcedurePage,
              m.ServiceCentreIndexPage, m.ServiceCentrePage, m.QuestionPage, m.NewsIndexPage, m.NewsPage,
              m.ContentPage]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)):
        with transaction.atomic():
            translation.activate("ru")
            first_output = io.StringIO()
            call_command("load_demo", stdout=first_output)
            first = demo_counts()
            second_output = io.StringIO()
            call_command("load_demo", stdout=second_output)
            yield {"first": first, "second": demo_counts(), "output": first_output.getvalue(),
                   "second_output": second_output.getvalue()}
            transaction.set_rollback(True)


@pytest.mark.django_db
def test_second_run_gives_the_same_counts_and_prints_logins(demo):
    assert demo["first"] == demo["second"]
    assert "без изменений 0" in demo["output"]
    assert "опубликовано 0" in demo["second_output"]
    for username in ("admin", "editor", "moderator", "caseofficer"):
        assert username in demo["output"]
    counts = demo["first"]
    assert counts["cms_pages.ProcedurePage"] >= 8
    assert counts["cms_pages.ServiceCentrePage"] >= 5
    assert counts["cms_pages.QuestionPage"] >= 25
    assert counts["cms_pages.NewsPage"] == 6
    assert counts["cms_pages.SubsidyPage"] >= 4
    assert counts["wagtailcore.Revision"] >= counts["wagtailcore.Page"] - 1  # every page published as a revision


@pytest.mark.django_db
def test_site_root_every_page_type_and_both_languages(demo):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, m.HomePage)
    assert (site.hostname, site.port) == ("localhost", 80)
    assert not Page.objects.filter(depth=2).exclude(pk=site.root_page_id).exists()  # "Welcome" page gone
    for model in PAGE_TYPES:
        pages = model.objects.live()
        assert pages.exists(), model.__name__
        for page in pages:
            assert page.title_ru and page.title_en and page.slug_ru and page.slug_en, page
            assert page.summary_ru and page.summary_en, page
    from django.contrib.auth import get_user_model
    users = get_user_model().objects
    assert users.get(username="admin").is_superuser
    assert users.get(username="editor").groups.filter(name="Редакторы").exists()


@pytest.mark.django_db
def test_unverified_figures_are_marked_as_demo(demo):
    for page in m.TariffPage.objects.all():
        acts = {record.legal_act for record in page.tariffs.all()}
        assert acts and all(act is not None for act in acts)
        if any(act.is_demo for act in acts):
            assert "емонстрационн" in page.summary_ru and "emonstration" in page.summary_en
    electricity = m.TariffPage.objects.get(kind="electricity")
    records = electricity.tariffs.all()
    assert {r.consumer_group for r in records} == {"urban_gas", "urban_electric_rural", "equated"}
    assert {r.rate_type for r in records} == {"single", "two_zone", "three_zone"}
    assert {r.band_limit_kwh for r in records if r.band in (1, 2)} == {3900, 6000}


@pytest.mark.django_db
def test_content_passes_the_publishing_rules(demo):
    checked = 0
    for page in Page.objects.live().specific():
        for field in type(page)._meta.concrete_fields:
            if isinstance(field, StreamField):
                assert content_checks.check_stream(getattr(page, field.attname)) == [], (page, field.name)
                checked += 1
        assert content_checks.object_messages(page) == [], page
    assert checked > 50
    images = [block.value for page in m.ContentPage.objects.all() for block in page.body_ru
              if block.block_type == "image"]
    assert images and all(image.contextual_alt_text for image in images)


@pytest.mark.django_db
def test_home_tariff_and_directory_render_in_both_languages(demo, client):
    tariff = m.TariffPage.objects.get(kind="electricity")
    directory = m.ServiceCentreIndexPage.objects.get()
    for language, marker in (("ru", "Единое окно"), ("en", "Single Window")):
        with translation.override(language):
            urls = [f"/{language}/", tariff.get_url(), directory.get_url()]
        assert all(url.startswith(f"/{language}/") for url in urls)
        for url in urls:
            response = client.get(url, HTTP_HOST="127.0.0.1:8000")  # the default site answers any host
            assert response.status_code == 200, url
        home = client.get(f"/{language}/").content.decode()
        assert marker in home
        tasks = getattr(m.HomePage.objects.get(), f"top_tasks_{language}")
        assert len(tasks) == 6
        assert any(task.value["url"] == f"/{language}/requests/new/" for task in tasks)
    translation.activate("ru")
    assert "Архангельск" in client.get(directory.get_url(), HTTP_HOST="localhost").content.decode()
