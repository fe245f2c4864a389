"""Valid HTML on every page type in both languages: the Nu HTML checker (vnu-jar from npm, run
with Debian's Java), the same checker the W3C validator uses. Broken markup confuses assistive
technology in ways axe cannot see (WCAG 2.0 4.1.1 in practice)."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.accessibility.site_builder import build_site
from tests.accessibility.test_browser import site_paths

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
BROKEN = '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>x</title></head><body><p>a<div></p></body></html>'


def nu_errors(files):
    if not shutil.which("java") or not VNU.exists():
        pytest.fail("Java or vnu.jar missing: run bin/install --with-browser")
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, files)],
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stderr or result.stdout)
    return [m for m in report["messages"] if m["type"] in ("error", "non-document-error")]


def test_every_page_type_is_valid_html_in_both_languages(db, client, tmp_path):
    from search import engine

    pages = build_site()
    engine.rebuild()
    files = {}
    for label, path in site_paths(pages):
        response = client.get(path)
        expected = 400 if "calculate=1" in path else 200
        assert response.status_code == expected, (path, response.status_code)
        target = tmp_path / (label.replace(":", "_") + ".html")
        target.write_bytes(response.content)
        files[target.name] = label
    broken = tmp_path / "zz_broken.html"
    broken.write_text(BROKEN, encoding="utf-8")

    errors = nu_errors([*(tmp_path / name for name in files), broken])
    # The checker itself works: the deliberately broken file is reported.
    assert any(e["url"].endswith("zz_broken.html") for e in errors)
    problems = [f"{files.get(e['url'].rsplit('/', 1)[-1], e['url'])} line {e.get('lastLine')}: {e['message']} «{e.get('extract', '')}»"
                for e in errors if not e["url"].endswith("zz_broken.html")]
    assert not problems, f"{len(problems)} HTML errors in {len(files)} pages:\n" + "\n".join(problems[:40])
