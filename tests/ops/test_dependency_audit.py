"""Known vulnerabilities in the production dependencies: pip-audit on requirements.txt.

pip-audit resolves requirements.txt (with every transitive dependency) and asks PyPI's JSON API
about each release (`--vulnerability-service pypi`: PyPI is the one registry reachable from the
developers' machines and CI; OSV is not). Any vulnerability not explained in
deploy/audit-allowlist.toml fails the test.

pip-audit exits 0 with "No known vulnerabilities found" even when it could ask about nothing:
every package is then only "skipped" ("Dependency not found on PyPI and could not be audited").
So a run in which no package was audited counts as "the service could not be reached": the
test fails saying so, unless PIP_AUDIT_OFFLINE=1 is set, when it is skipped with that reason.
A run in which only some packages could not be audited fails, with one allowance: a package
whose newest release appeared on PyPI less than ``NEW_RELEASE_GRACE`` ago (so the pinned release
was the newest until days ago and the per-release data this network cannot reach is the only
thing missing) is reported as a warning, so that a release published on the morning of a CI run
does not turn it red; after the grace period it fails until the pin is reviewed.
"""
import datetime
import importlib.metadata
import json
import os
import re
import subprocess
import sys
import tomllib
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = ROOT / "requirements.txt"
ALLOWLIST = ROOT / "deploy" / "audit-allowlist.toml"
NEW_RELEASE_GRACE = datetime.timedelta(days=7)
AUDIT_TIMEOUT = 150  # seconds; a warm run takes about 25
NETWORK_ERRORS = ("ConnectionError", "ConnectTimeout", "ReadTimeout", "Max retries exceeded",
                  "Name or service not known", "Temporary failure in name resolution",
                  "Failed to establish a new connection", "ServiceError")


class ServiceUnreachable(Exception):
    pass


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def load_allowlist(path=ALLOWLIST):
    """The accepted vulnerabilities, checked: every entry needs an id, a package and a one-line reason."""
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("vulnerability", [])
    seen = set()
    for number, entry in enumerate(entries, 1):
        for key in ("id", "package", "reason"):
            value = entry.get(key)
            assert isinstance(value, str) and value.strip(), f"{path.name} entry {number}: '{key}' is missing"
            assert "\n" not in value.strip(), f"{path.name} entry {number}: '{key}' must be one line"
        assert entry["id"] not in seen, f"{path.name}: {entry['id']} is listed twice"
        seen.add(entry["id"])
    return entries


def load_unaudited(path=ALLOWLIST):
    """Packages knowingly pinned below their latest release, which this network cannot audit."""
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("unaudited", [])
    for number, entry in enumerate(entries, 1):
        for key in ("package", "reason"):
            value = entry.get(key)
            assert isinstance(value, str) and value.strip(), f"{path.name} unaudited {number}: '{key}' is missing"
    return entries


def run_pip_audit():
    """pip-audit's JSON report for requirements.txt; ServiceUnreachable if it could not ask PyPI."""
    command = [sys.executable, "-m", "pip_audit", "--requirement", str(REQUIREMENTS),
               "--vulnerability-service", "pypi", "--format", "json", "--desc", "on", "--aliases", "on",
               "--progress-spinner", "off", "--timeout", "20"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=AUDIT_TIMEOUT, cwd=ROOT)
    except subprocess.TimeoutExpired as error:
        raise ServiceUnreachable(f"pip-audit did not finish within {AUDIT_TIMEOUT} s") from error
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError:
        detail = (result.stderr or result.stdout).strip()[-1500:]
        if any(marker in detail for marker in NETWORK_ERRORS):
            raise ServiceUnreachable(detail) from None
        pytest.fail(f"pip-audit failed (exit {result.returncode}):\n{detail}")


def project_vulnerabilities(name, version, fetch=None):
    """Vulnerabilities of ``name`` ``version`` from PyPI's per-project JSON, or None if it cannot say.

    Some networks (this one among them) reach PyPI's per-project JSON but not the per-release
    one that pip-audit asks. The per-project document lists the vulnerabilities of the latest
    release only, so it answers for a package pinned at its latest release and for no other.
    """
    fetch = fetch or _fetch_json
    try:
        data = fetch(f"https://pypi.org/pypi/{name}/json")
    except OSError as error:
        raise ServiceUnreachable(f"{name}: {error}") from error
    if normalise(data["info"]["version"]) != normalise(version):
        return None, data["info"]["version"], _released(data)
    vulns = [{"id": v["id"], "aliases": v.get("aliases") or [], "fix_versions": v.get("fixed_in") or [],
              "description": v.get("summary") or v.get("details") or ""}
             for v in data.get("vulnerabilities") or [] if not v.get("withdrawn")]
    return vulns, data["info"]["version"], _released(data)


def _released(data):
    """When the latest release's first file was uploaded (aware UTC), or None if PyPI does not say."""
    times = [f.get("upload_time_iso_8601") or f.get("upload_time") for f in data.get("urls") or []]
    times = [t for t in times if t]
    if not times:
        return None
    moment = datetime.datetime.fromisoformat(min(times).replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)


def _fetch_json(url):
    import urllib.request
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - a fixed https URL
        return json.loads(response.read())


def fill_skipped(report, installed, fetch=None, now=None):
    """Audit the packages pip-audit skipped through the per-project JSON, where it can answer.

    Returns the report with those packages filled in; one that is still unknown keeps a
    skip_reason saying which release PyPI has instead.
    """
    from concurrent.futures import ThreadPoolExecutor

    skipped = [d for d in report.get("dependencies", []) if d.get("skip_reason")]
    now = now or datetime.datetime.now(datetime.timezone.utc)

    def audit(dependency):
        version = dependency.get("version") or installed.get(normalise(dependency["name"]), "")
        vulns, latest, released = project_vulnerabilities(dependency["name"], version, fetch)
        if vulns is None and released is not None and now - released < NEW_RELEASE_GRACE:
            return {"name": dependency["name"], "version": version, "vulns": [],
                    "new_release": f"{latest} was released on {released:%Y-%m-%d}; review the pin {version}"}
        if vulns is None:
            return {**dependency, "version": version,
                    "skip_reason": f"per-release data unavailable and {version} is not the latest release ({latest})"}
        return {"name": dependency["name"], "version": version, "vulns": vulns}

    with ThreadPoolExecutor(8) as pool:
        filled = dict(zip((id(d) for d in skipped), pool.map(audit, skipped)))
    return {**report, "dependencies": [filled.get(id(d), d) for d in report.get("dependencies", [])]}


def evaluate(report, allowlist, unaudited_ok=()):
    """(problems, stale allowlist ids) for a pip-audit JSON report; ServiceUnreachable if nothing was audited.

    ``unaudited_ok``: packages the allowlist explains being unable to audit (pinned below latest)."""
    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if d.get("skip_reason")]
    if not dependencies or len(skipped) == len(dependencies):
        reasons = sorted({re.sub(r": \S+ \(.*\)$", "", d["skip_reason"]) for d in skipped}) or ["no packages"]
        raise ServiceUnreachable(f"none of {len(dependencies)} packages could be audited: " + "; ".join(reasons))
    skipped = [d for d in skipped if normalise(d["name"]) not in unaudited_ok]
    accepted = {}
    for entry in allowlist:
        accepted[(entry["id"], normalise(entry["package"]))] = entry
    problems = [f"{d['name']}: not audited ({d['skip_reason']})" for d in skipped]
    used = set()
    for dependency in dependencies:
        package = normalise(dependency["name"])
        for vuln in dependency.get("vulns", []):
            ids = [vuln["id"], *vuln.get("aliases", [])]
            match = next(((i, package) for i in ids if (i, package) in accepted), None)
            if match:
                used.add(match)
                continue
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed release"
            summary = (vuln.get("description") or "").strip().splitlines()
            problems.append(f"{dependency['name']} {dependency.get('version', '?')}: {vuln['id']}"
                            f" ({', '.join(vuln.get('aliases', [])) or 'no aliases'}); fixed in: {fixed}"
                            + (f" — {summary[0][:160]}" if summary else ""))
    stale = sorted(entry_id for (entry_id, package) in accepted if (entry_id, package) not in used)
    return problems, stale


def test_allowlist_entries_are_explained():
    for entry in load_allowlist():
        assert len(entry["reason"].strip()) >= 20, f"{entry['id']}: the reason is too short to explain anything"


def test_production_dependencies_have_no_unexplained_vulnerabilities():
    allowlist = load_allowlist()
    unaudited_ok = {normalise(entry["package"]) for entry in load_unaudited()}
    installed = {normalise(dist.metadata["Name"]): dist.version for dist in importlib.metadata.distributions()}
    try:
        filled = fill_skipped(run_pip_audit(), installed)
        problems, stale = evaluate(filled, allowlist, unaudited_ok)
    except ServiceUnreachable as error:
        message = f"pip-audit could not query PyPI's vulnerability data: {error}"
        if os.environ.get("PIP_AUDIT_OFFLINE") == "1":
            pytest.skip(f"PIP_AUDIT_OFFLINE=1: {message}")
        pytest.fail(message + "\nNo dependency was audited. Set PIP_AUDIT_OFFLINE=1 to skip this test where "
                              "PyPI's per-release JSON API cannot be reached (see docs/deployment.md, Security).")
    fresh = [f"{d['name']}: {d['new_release']}" for d in report_dependencies(filled) if d.get("new_release")]
    if fresh:
        warnings.warn("not audited, newest release younger than the grace period: " + "; ".join(fresh), stacklevel=1)
    if stale:
        warnings.warn(f"{ALLOWLIST.name}: no longer reported, remove: {', '.join(stale)}", stacklevel=1)
    assert not problems, (f"{len(problems)} unexplained findings in requirements.txt — upgrade the pin, or explain "
                          f"each in deploy/{ALLOWLIST.name}:\n" + "\n".join(problems))


def report_dependencies(report):
    return report.get("dependencies", [])


# --- the gate itself, on made-up reports (no network) ---------------------------------------------

def report(*dependencies):
    return {"dependencies": list(dependencies), "fixes": []}


VULN = {"id": "GHSA-aaaa-bbbb-cccc", "aliases": ["CVE-2099-0001"], "fix_versions": ["2.0.1"],
        "description": "Something bad.\nMore."}


def test_gate_fails_on_an_unlisted_vulnerability_and_accepts_a_listed_one():
    vulnerable = report({"name": "Django", "version": "2.0", "vulns": [VULN]},
                        {"name": "whitenoise", "version": "6.12.0", "vulns": []})
    problems, stale = evaluate(vulnerable, [])
    assert problems == ["Django 2.0: GHSA-aaaa-bbbb-cccc (CVE-2099-0001); fixed in: 2.0.1 — Something bad."]
    listed = [{"id": "CVE-2099-0001", "package": "django", "reason": "an alias may be listed instead of the id"}]
    assert evaluate(vulnerable, listed) == ([], [])
    other_package = [{"id": "GHSA-aaaa-bbbb-cccc", "package": "wagtail", "reason": "listed for another package"}]
    problems, stale = evaluate(vulnerable, other_package)
    assert len(problems) == 1 and stale == ["GHSA-aaaa-bbbb-cccc"]


def test_gate_treats_a_run_that_audited_nothing_as_unreachable():
    skip = "Dependency not found on PyPI and could not be audited: django (5.2.19)"
    with pytest.raises(ServiceUnreachable, match="none of 2 packages"):
        evaluate(report({"name": "django", "skip_reason": skip}, {"name": "wagtail", "skip_reason": skip}), [])
    with pytest.raises(ServiceUnreachable):
        evaluate(report(), [])
    partly = report({"name": "django", "skip_reason": skip}, {"name": "wagtail", "version": "8.0.1", "vulns": []})
    assert evaluate(partly, []) == ([f"django: not audited ({skip})"], [])


def test_allowlist_rejects_unexplained_entries(tmp_path):
    path = tmp_path / "allow.toml"
    path.write_text('[[vulnerability]]\nid = "GHSA-1"\npackage = "django"\n', encoding="utf-8")
    with pytest.raises(AssertionError, match="'reason' is missing"):
        load_allowlist(path)
    path.write_text('[[vulnerability]]\nid = "GHSA-1"\npackage = "django"\nreason = """two\nlines"""\n',
                    encoding="utf-8")
    with pytest.raises(AssertionError, match="one line"):
        load_allowlist(path)


def test_fallback_audits_a_package_at_its_latest_release_and_not_an_older_one():
    documents = {
        "https://pypi.org/pypi/wagtail/json": {"info": {"version": "8.0.1"}, "vulnerabilities": [
            {"id": "GHSA-x", "aliases": ["CVE-1"], "fixed_in": ["8.0.2"], "summary": "XSS", "withdrawn": None}]},
        "https://pypi.org/pypi/django/json": {"info": {"version": "6.1.3"}, "vulnerabilities": []},
    }
    skip = "Dependency not found on PyPI and could not be audited"
    filled = fill_skipped(report({"name": "wagtail", "skip_reason": skip}, {"name": "django", "skip_reason": skip},
                                 {"name": "pillow", "version": "12.0.0", "vulns": []}),
                          {"wagtail": "8.0.1", "django": "5.2.19"}, fetch=documents.__getitem__)
    problems, _stale = evaluate(filled, [])
    assert problems == ["django: not audited (per-release data unavailable and 5.2.19 is not the latest "
                        "release (6.1.3))", "wagtail 8.0.1: GHSA-x (CVE-1); fixed in: 8.0.2 — XSS"]
    # an explained pin below latest is accepted; the vulnerability still fails
    problems, _stale = evaluate(filled, [], unaudited_ok={"django"})
    assert problems == ["wagtail 8.0.1: GHSA-x (CVE-1); fixed in: 8.0.2 — XSS"]


def test_unaudited_entries_are_explained():
    for entry in load_unaudited():
        assert len(entry["reason"].strip()) >= 20, f"{entry['package']}: the reason is too short"


def test_a_release_younger_than_the_grace_period_warns_and_an_older_one_fails():
    now = datetime.datetime(2026, 12, 3, 12, 0, tzinfo=datetime.timezone.utc)
    documents = {
        "https://pypi.org/pypi/pillow/json": {"info": {"version": "12.1.0"}, "vulnerabilities": [],
                                              "urls": [{"upload_time_iso_8601": "2026-12-01T09:00:00.000000Z"}]},
        "https://pypi.org/pypi/django/json": {"info": {"version": "5.2.20"}, "vulnerabilities": [],
                                              "urls": [{"upload_time_iso_8601": "2026-11-20T09:00:00.000000Z"}]},
    }
    skip = "Dependency not found on PyPI and could not be audited"
    filled = fill_skipped(report({"name": "pillow", "skip_reason": skip}, {"name": "django", "skip_reason": skip}),
                          {"pillow": "12.0.0", "django": "5.2.19"}, fetch=documents.__getitem__, now=now)
    problems, _stale = evaluate(filled, [])
    assert problems == ["django: not audited (per-release data unavailable and 5.2.19 is not the latest "
                        "release (5.2.20))"]
    fresh = [d for d in report_dependencies(filled) if d.get("new_release")]
    assert [d["name"] for d in fresh] == ["pillow"]
    assert "12.1.0 was released on 2026-12-01" in fresh[0]["new_release"]
