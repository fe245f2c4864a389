#!/usr/bin/env python
"""Cold renders in process: what a render-cache miss costs on the heaviest pages.

Run: VAR_DIR=... .venv/bin/python tools/bench_render.py [--requests 100] [--profile "tariff page (ru)"]
Every request goes through the whole middleware stack with no page stored (RENDER_CACHE_MAX_AGE=0),
as a miss does. Prints per page: HTML size, SQL queries (counted with an execute wrapper: CaptureQueriesContext's log is reset when a request starts), median and p95
server time; --profile prints cProfile's top functions for one page. Run it in an older checkout
(a git worktree) with the same flags for a side-by-side baseline; --json writes the figures.

Side by side with the baseline commit of issue 17, in turns (the worktree and its demo database are
made on the first run):
    VAR_DIR=... .venv/bin/python tools/bench_render.py --compare /tmp/base --compare-var /tmp/base-var \
        --commit 8d9d83f --rounds 5
The render cache's per-process memos are warm in a running worker between publishes; add
--after-publish for the first render after a publish (a new generation before every request).
"""
import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "singlewindow.settings.dev")
os.environ["DEBUG"] = "0"
os.environ["RENDER_CACHE_MAX_AGE"] = "0"  # no page is stored: every request renders (a miss)

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import translation  # noqa: E402


def target_urls():
    from cms_pages.models import HomePage, ServiceCentreIndexPage, TariffPage

    urls = {}
    for label, model in (("tariff page", TariffPage), ("directory", ServiceCentreIndexPage), ("home", HomePage)):
        page = model.objects.live().order_by("path").first()
        if label == "tariff page":  # the heaviest one: most records
            page = max(model.objects.live(), key=lambda p: p.tariffs.count())
        for lang in ("ru", "en"):
            with translation.override(lang):
                urls[f"{label} ({lang})"] = page.url
    return urls


def new_generation():
    """A publish's effect on this worker: a new render-cache token, so its memos are empty (a
    checkout without ops.render_cache has nothing to drop)."""
    try:
        from ops import render_cache
    except ImportError:
        return
    render_cache.bump("bench_render --after-publish")


def measure(client, url, n, after_publish=False):
    client.get(url)
    client.get(url)  # templates loaded, fragment caches warm as in a running worker
    queries = []  # CaptureQueriesContext's log is reset by request_started: count with a wrapper
    if after_publish:
        new_generation()
    with connection.execute_wrapper(lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)):
        response = client.get(url)
    timings, cpu = [], []
    for _ in range(n):
        if after_publish:
            new_generation()
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        cpu.append((time.process_time() - start_cpu) * 1000)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {"status": response.status_code, "bytes": len(response.content), "queries": len(queries),
            "p50": statistics.median(timings), "p95": timings[max(0, int(round(0.95 * n)) - 1)],
            "cpu": statistics.median(cpu)}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--profile", help="a page label to profile, e.g. 'tariff page (ru)'")
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--queries", action="store_true", help="print the SQL of each page")
    parser.add_argument("--compare", metavar="DIR",
                        help="an older checkout (git worktree add DIR COMMIT) with its own VAR_DIR in "
                             "--compare-var: both are run in turns, --rounds times, and compared")
    parser.add_argument("--compare-var", metavar="VAR_DIR")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--commit", help="with --compare: create the worktree DIR at this commit if it is missing "
                                         "(with this script copied in) and its demo database in --compare-var")
    parser.add_argument("--after-publish", action="store_true",
                        help="a new render-cache generation before every request: the first miss after a "
                             "publish, with the per-process memos empty")
    args = parser.parse_args()
    client = Client(HTTP_HOST="localhost")
    urls = target_urls()
    if args.profile:
        url = urls[args.profile]
        client.get(url)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.requests):
            client.get(url)
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(60)
        print(out.getvalue())
        return
    results = {}
    if args.compare:
        return compare(args)
    print(f"{'page':20} {'status':>6} {'KB':>5} {'queries':>7} {'CPU ms':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for label, url in urls.items():
        if args.queries:
            queries = []
            with connection.execute_wrapper(lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)):
                client.get(url)
            print(label, url)
            for sql in queries:
                print("   ", sql[:200])
        r = results[label] = measure(client, url, args.requests, args.after_publish)
        print(f"{label:20} {r['status']:>6} {r['bytes'] / 1024:>5.0f} {r['queries']:>7} {r['cpu']:>7.1f} "
              f"{r['p50']:>8.1f} {r['p95']:>8.1f}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


def compare(args):
    """This checkout against DIR, in turns (the machine's load hits both alike): medians of the
    rounds' medians, and this one's share of the baseline's time (CPU time is the steadier figure)."""
    import subprocess
    import tempfile

    if args.commit:
        prepare_baseline(Path(args.compare), args.commit, args.compare_var)
    runs = {"baseline": [], "this": []}
    extra = ["--after-publish"] if args.after_publish else []
    for _ in range(args.rounds):
        for side, root, var in (("baseline", Path(args.compare), args.compare_var),
                                ("this", ROOT, os.environ.get("VAR_DIR"))):
            out = Path(tempfile.mktemp(suffix=".json"))
            env = {**os.environ, **({"VAR_DIR": var} if var else {})}
            subprocess.run([sys.executable, str(root / "tools" / "bench_render.py"), "--requests", str(args.requests),
                            "--json", str(out), *extra], cwd=root, env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            runs[side].append(json.loads(out.read_text()))
            out.unlink()
    print(f"{'page':20} {'KB':>4} {'queries':>9} {'CPU ms':>13} {'p50 ms':>13} {'CPU':>6} {'p50':>6}")
    print(f"{'':20} {'':>4} {'base/this':>9} {'base / this':>13} {'base / this':>13} {'ratio':>6} {'ratio':>6}")
    for label in runs["this"][0]:
        base = {k: statistics.median(r[label][k] for r in runs["baseline"]) for k in ("cpu", "p50", "queries")}
        this = {k: statistics.median(r[label][k] for r in runs["this"]) for k in ("cpu", "p50", "queries")}
        kb = runs["this"][0][label]["bytes"] / 1024
        print(f"{label:20} {kb:>4.0f} {base['queries']:>4.0f}/{this['queries']:<4.0f} "
              f"{base['cpu']:>6.1f}/{this['cpu']:<6.1f} {base['p50']:>6.1f}/{this['p50']:<6.1f} "
              f"{this['cpu'] / base['cpu']:>6.2f} {this['p50'] / base['p50']:>6.2f}")


def prepare_baseline(directory, commit, var_dir):
    """``git worktree add DIR COMMIT`` if DIR is missing; this script copied in if the commit has
    none (or an older one); the demo database in VAR_DIR (migrate, load_demo) if it has none."""
    import shutil
    import subprocess

    if not directory.exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(directory), commit], check=True)
    shutil.copyfile(Path(__file__), directory / "tools" / "bench_render.py")
    if var_dir and not (Path(var_dir) / "db.sqlite3").exists():
        env = {**os.environ, "VAR_DIR": var_dir}
        for command in (["migrate", "--noinput"], ["load_demo"]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=directory, env=env, check=True,
                           stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    main()
