"""Russian first, English complete: every app's English catalogue is filled and compiled."""
import gettext
import shutil
import subprocess
from pathlib import Path

import pytest

from tools.translations import APPS, untranslated

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = [ROOT / app / "locale" / "en" / "LC_MESSAGES" / "django.po" for app in APPS
              if (ROOT / app / "locale" / "en" / "LC_MESSAGES" / "django.po").exists()]


def test_every_app_with_user_facing_strings_has_an_english_catalogue():
    assert {po.parents[3].name for po in CATALOGUES} >= {
        "cms_pages", "editorial", "search", "cases", "feedback", "calculators", "outages", "themes", "ops"}


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parents[3].name)
def test_english_catalogue_has_no_untranslated_strings(po):
    assert untranslated(po) == []


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parents[3].name)
def test_compiled_catalogue_matches_its_source(po, tmp_path):
    compiled = po.with_suffix(".mo")
    catalogue = gettext.GNUTranslations(compiled.open("rb"))  # a broken header would raise here
    assert catalogue.info().get("content-type", "").lower().endswith("charset=utf-8")
    if not shutil.which("msgfmt"):
        pytest.skip("msgfmt (Debian gettext) not installed")
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(po)], check=True)
    assert gettext.GNUTranslations(fresh.open("rb"))._catalog == catalogue._catalog, \
        f"{compiled} is stale: run compilemessages in {po.parents[3].name}/"


def test_a_fuzzy_guess_counts_as_untranslated(tmp_path):
    """makemessages guesses a msgstr and marks it fuzzy; msgfmt skips it, so the site shows Russian."""
    po = tmp_path / "django.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                  '#: a.html:1\nmsgid "Готово"\nmsgstr "Done"\n\n'
                  '#, fuzzy\n#| msgid "Поиск"\nmsgid "Подсказки поиска"\nmsgstr "Search"\n\n'
                  'msgid "Пусто"\nmsgstr ""\n', encoding="utf-8")
    assert untranslated(po) == ["Подсказки поиска", "Пусто"]
