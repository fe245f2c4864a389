#!/usr/bin/env python
"""Production-mode throughput: the app straight, through nginx's warm cache, and nginx serving
the same HTML as a static file (the ceiling), side by side. Needs Debian's wrk and nginx.

Run: .venv/bin/python tools/bench_production.py [--seconds 10] [--connections 20]
It serves the demo database (var/db.sqlite3, or DATABASE_URL) with gunicorn and the production
settings on loopback ports, and prints requests per second and p50/p99 latency per page.

Straight from the app, each page: a cold render with the render cache bypassed (the request
carries a made-up sessionid cookie, as an editor's would: the page is rendered every time and never
stored; it costs one session lookup more than a plain miss) and from the render cache
(ops/render_cache.py), with their ratio. ``--baseline DIR --baseline-var VAR_DIR`` also serves an
older checkout (``git worktree add DIR COMMIT``, its own demo database under VAR_DIR) with gunicorn
in the same run and measures each page's cold render there right after this one's (the machine's
load changes by the minute), with the ratio. Throughput on a shared, loaded machine varies a lot:
tools/bench_render.py compares the CPU time of a cold render, which is steadier.
"""
import argparse
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tools import nginx_conf  # noqa: E402
from tools.production_stack import ProductionStack, django_output, wait_for  # noqa: E402

PAGES = {
    "home": "/ru/",
    "tariff page": None,  # found in the database
    "search": "/ru/search/?q=%D0%BD%D0%BE%D1%87%D0%BD%D0%BE%D0%B9+%D1%82%D0%B0%D1%80%D0%B8%D1%84",
    "directory": None,
}


def find_urls(env):
    code = ("from cms_pages.models import TariffPage, ServiceCentreIndexPage;"
            "print(TariffPage.objects.live().first().url);print(ServiceCentreIndexPage.objects.live().first().url)")
    out = django_output(env, code).split()
    PAGES["tariff page"], PAGES["directory"] = out[0], out[1]


BYPASS_COOKIE = "sessionid=bench-render-cache-bypass"  # no such session: rendered, never stored

# Issue 17: visitors with cookies, through nginx, against the anonymous one.
VISITORS = {
    "anonymous": None,
    "low-vision": "lv=1; lv_scheme=wb; lv_size=200",
    "csrftoken": "csrftoken=Xq3f9LcW2bN7tZk0pRvY8sHd4mJa6uEe",
}


def wrk(url, seconds, connections, host="localhost", cookie=None):
    headers = ["-H", f"Host: {host}"] + (["-H", f"Cookie: {cookie}"] if cookie else [])
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", *headers, url],
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
    parser.add_argument("--fresh-db", action="store_true",
                        help="a fresh SQLite database with load_demo instead of var/db.sqlite3")
    parser.add_argument("--visitors-only", action="store_true",
                        help="only the visitors table (anonymous, low-vision, csrftoken through nginx)")
    parser.add_argument("--baseline", metavar="DIR", help="an older checkout to compare cold renders with")
    parser.add_argument("--baseline-var", metavar="VAR_DIR", help="the baseline's VAR_DIR (its demo database)")
    args = parser.parse_args()
    if not shutil.which("wrk") or not nginx_conf.available():
        sys.exit("needs Debian's wrk and nginx: apt-get install wrk nginx")

    with ProductionStack(workers=args.workers, nginx_workers=2, prefix="bench-", temp_db=args.fresh_db) as stack:
        find_urls(stack.env)
        app, server = stack.app_url, stack.nginx
        static_dir = stack.work / "static" / "bench"
        static_dir.mkdir(parents=True, exist_ok=True)
        baseline = BaselineApp(args) if args.baseline and not args.visitors_only else None
        try:
            print(f"{'page':12} {'mode':28} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'ratio':>10}")
            for label, path in ({} if args.visitors_only else PAGES).items():
                html = wait_for(f"{app}{path}")
                static_file = static_dir / f"{label.replace(' ', '_')}.html"
                static_file.write_bytes(html)
                rps_cold, p50, p99, errors = wrk(f"{app}{path}", args.seconds, args.connections, cookie=BYPASS_COOKIE)
                print(f"{label:12} {'(a) app, cold (bypassed)':28} {rps_cold:>8.0f} {p50:>8.1f} {p99:>8.1f} {errors:>8}")
                if baseline:  # right after, so the machine's load is about the same for both
                    rps, p50, p99, errors = baseline.wrk(label, args)
                    print(f"{label:12} {'(a0) baseline app, cold':28} {rps:>8.0f} {p50:>8.1f} {p99:>8.1f} {errors:>8} "
                          f"{rps_cold / rps:>6.1f}x (a)")
                wait_for(f"{app}{path}", host="localhost")  # now in the render cache
                rps, p50, p99, errors = wrk(f"{app}{path}", args.seconds, args.connections)
                print(f"{label:12} {'(a2) app, render cache':28} {rps:>8.0f} {p50:>8.1f} {p99:>8.1f} {errors:>8} "
                      f"{rps / rps_cold:>6.1f}x (a)")
                modes = [
                    ("(b) nginx, warm cache", f"{server.url}{path}"),
                    ("(c) nginx static file", f"{server.url}/static/bench/{static_file.name}"),
                ]
                # Warm the cache with the Host header wrk sends: the cache key includes it, and a cold
                # key would put the first requests behind the app and proxy_cache_lock.
                wait_for(modes[0][1], host="localhost")
                wait_for(modes[0][1], host="localhost")
                for mode, url in modes:
                    rps, p50, p99, errors = wrk(url, args.seconds, args.connections)
                    print(f"{label:12} {mode:28} {rps:>8.0f} {p50:>8.1f} {p99:>8.1f} {errors:>8}")
        finally:
            if baseline:
                baseline.close()
        visitors(server.url, args)


class BaselineApp:
    """An older checkout's gunicorn (production settings, its own database under --baseline-var):
    the same pages, cold (it has no render cache), measured beside this checkout's cold renders."""

    def __init__(self, args):
        import tempfile

        from tools.production_stack import production_env

        self.root = Path(args.baseline).resolve()
        self.work = Path(tempfile.mkdtemp(prefix="bench-baseline-"))
        env = production_env(self.work, args.baseline_var)
        python = str(self.root / ".venv/bin/python")
        subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=self.root, env=env, check=True)
        port = nginx_conf.free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [str(self.root / ".venv/bin/gunicorn"), "--chdir", "site", "--workers", str(args.workers),
             "--no-control-socket", "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "singlewindow.wsgi"],
            cwd=self.root, env=env)
        try:
            wait_for(f"{self.url}/healthz", timeout=120)
            code = ("from cms_pages.models import TariffPage, ServiceCentreIndexPage;print(TariffPage.objects.live()"
                    ".first().url);print(ServiceCentreIndexPage.objects.live().first().url)")
            out = subprocess.run([python, "-c", "import django;django.setup()\n" + code], cwd=self.root,
                                 env={**env, "PYTHONPATH": f"{self.root}:{self.root / 'site'}"},
                                 capture_output=True, text=True, check=True).stdout.split()
            self.paths = {**PAGES, "tariff page": out[0], "directory": out[1]}
        except BaseException:
            self.close()
            raise

    def wrk(self, label, args):
        url = f"{self.url}{self.paths[label]}"
        wait_for(url)
        return wrk(url, args.seconds, args.connections)

    def close(self):
        from tools.production_stack import stop_process

        stop_process(self.process)
        shutil.rmtree(self.work, ignore_errors=True)


def warm(url, cookie=None):
    request = urllib.request.Request(url, headers={"Host": "localhost", **({"Cookie": cookie} if cookie else {})})
    for _ in range(2):  # a miss stores the page, the second answer comes from the cache
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            status = response.headers.get("X-Cache-Status")
    return status


def visitors(nginx_url, args):
    """Anonymous, low-vision and csrftoken visitors on the home and tariff pages through nginx."""
    print(f"\n{'page':12} {'visitor':12} {'cache':6} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'vs anon':>8}")
    for label in ("home", "tariff page"):
        url = f"{nginx_url}{PAGES[label]}"
        anonymous = None
        for visitor, cookie in VISITORS.items():
            status = warm(url, cookie)
            rps, p50, p99, errors = wrk(url, args.seconds, args.connections, cookie=cookie)
            anonymous = anonymous or rps
            print(f"{label:12} {visitor:12} {status or '-':6} {rps:>9.0f} {p50:>8.2f} {p99:>8.2f} {errors:>8} "
                  f"{rps / anonymous:>7.0%}")


if __name__ == "__main__":
    main()
