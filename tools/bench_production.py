#!/usr/bin/env python
"""Production-mode throughput: the app straight, through nginx's warm cache, and nginx serving
the same HTML as a static file (the ceiling), side by side. Needs Debian's wrk and nginx.

Run: .venv/bin/python tools/bench_production.py [--seconds 10] [--connections 20]
It serves the demo database (var/db.sqlite3, or DATABASE_URL) with gunicorn and the production
settings on loopback ports, and prints requests per second and p50/p99 latency per page.
"""
import argparse
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tools import nginx_conf  # noqa: E402

PAGES = {
    "home": "/ru/",
    "tariff page": None,  # found in the database
    "search": "/ru/search/?q=%D0%BD%D0%BE%D1%87%D0%BD%D0%BE%D0%B9+%D1%82%D0%B0%D1%80%D0%B8%D1%84",
    "directory": None,
}


def find_urls(env):
    code = ("import django;django.setup();from cms_pages.models import TariffPage, ServiceCentreIndexPage;"
            "print(TariffPage.objects.live().first().url);print(ServiceCentreIndexPage.objects.live().first().url)")
    env = {**env, "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}"}
    out = subprocess.run([str(ROOT / ".venv/bin/python"), "-c", code], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True).stdout.split()
    PAGES["tariff page"], PAGES["directory"] = out[0], out[1]


def wait_for(url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


def wrk(url, seconds, connections, host="localhost"):
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-H", f"Host: {host}", url],
                         capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(p):
        value, unit = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, pct(50), pct(99), int(errors.group(1)) if errors else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()
    if not shutil.which("wrk") or not nginx_conf.available():
        sys.exit("needs Debian's wrk and nginx: apt-get install wrk nginx")

    work = Path(tempfile.mkdtemp(prefix="bench-"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "singlewindow.settings.production",
           "SECRET_KEY": secrets.token_urlsafe(40), "ALLOWED_HOSTS": "localhost,127.0.0.1",
           "SECURE_SSL_REDIRECT": "0", "STATIC_ROOT": str(work / "static"), "LOG_LEVEL": "WARNING"}
    for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([str(ROOT / ".venv/bin/python"), "manage.py", *command], cwd=ROOT, env=env, check=True)
    find_urls(env)
    app_port = nginx_conf.free_port()
    gunicorn = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "--chdir", "site", "--workers", str(args.workers),
                                 "--bind", f"127.0.0.1:{app_port}", "--log-level", "warning", "singlewindow.wsgi"],
                                cwd=ROOT, env=env)
    server = None
    try:
        wait_for(f"http://127.0.0.1:{app_port}/healthz")
        server = nginx_conf.Nginx(work / "nginx", f"127.0.0.1:{app_port}", work / "static", workers=2).start()
        static_dir = work / "static" / "bench"
        static_dir.mkdir(parents=True, exist_ok=True)
        print(f"{'page':12} {'mode':22} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
        for label, path in PAGES.items():
            html = wait_for(f"http://127.0.0.1:{app_port}{path}")
            static_file = static_dir / f"{label.replace(' ', '_')}.html"
            static_file.write_bytes(html)
            modes = [
                ("(a) app, uncached", f"http://127.0.0.1:{app_port}{path}"),
                ("(b) nginx, warm cache", f"{server.url}{path}"),
                ("(c) nginx static file", f"{server.url}/static/bench/{static_file.name}"),
            ]
            wait_for(modes[1][1])
            for mode, url in modes:
                rps, p50, p99, errors = wrk(url, args.seconds, args.connections)
                print(f"{label:12} {mode:22} {rps:>8.0f} {p50:>8.1f} {p99:>8.1f} {errors:>8}")
    finally:
        if server:
            server.stop()
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
