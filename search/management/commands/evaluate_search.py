from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page

from search import engine
from search.evaluation import evaluate as ev


def _pct(value):
    return f"{value * 100:5.1f}%"


class Command(BaseCommand):
    help = ("Measure search on the gold set (answered@1/@3, MRR, answered-with-figure, latency) side by side with Wagtail's "
            "default search; --scale N adds N generated pages per language for a speed run.")

    def add_arguments(self, parser):
        parser.add_argument("--gold", default=str(ev.GOLD_SET))
        parser.add_argument("--scale", type=int, default=0, help="generated pages for the speed benchmark")
        parser.add_argument("--sample", action="store_true",
                            help="use the built-in sample content even if the demo app can load its own")
        parser.add_argument("--misses", action="store_true", help="list the queries not answered in the top 3")
        parser.add_argument("--no-default", action="store_true", help="skip Wagtail's default search")

    def handle(self, *args, **options):
        gold = ev.load_gold(options["gold"])
        self._ensure_content(options["sample"])
        slugs = ev.slug_map()
        present = set().union(*slugs.values())
        unanswerable = [item["q"] for item in gold if not set(item["expected"]) & present]
        if unanswerable:
            self.stdout.write(self.style.WARNING(
                f"{len(unanswerable)} queries have no expected page in this content (counted as misses): "
                + "; ".join(unanswerable)))
        self.stdout.write(f"Gold set: {len(gold)} queries; pages indexed: {engine.embedded_engine().stats()}")
        ours = ev.evaluate(gold, ev.ours, slugs, with_answers=True)
        self._report("Our search (" + ("elasticsearch" if engine.elasticsearch_engine() else "embedded") + ")", ours)
        if options["misses"]:
            for row in ours["rows"]:
                if not row["rank"] or row["rank"] > 3:
                    self.stdout.write(f"  miss [{row['lang']}] {row['q']!r} -> rank {row['rank']}")
                if "has_fact" in row and not row["has_fact"]:
                    self.stdout.write(f"  no figure [{row['lang']}] {row['q']!r}: wanted {row['fact_text']!r}, "
                                      f"answer {row['answer_kind']}")
        if not options["no_default"]:
            default = ev.evaluate(gold, ev.wagtail_default, slugs)
            self._report("Wagtail default search (Page.objects.live().search)", default)
        if options["scale"]:
            self.stdout.write(f"Speed run: {options['scale']} generated pages per language plus the content…")
            scaled = ev.scale_benchmark(gold, options["scale"])
            self._report(f"Our search with {scaled['documents']} extra documents", scaled)
            self.stdout.write(f"  index build: {scaled['build_seconds']:.1f} s; peak memory (RSS): "
                              f"{scaled['peak_rss_mb']:.0f} MB")
        return None

    def _ensure_content(self, sample):
        if engine.embedded_engine().stats() and not sample:
            return
        has_pages = Page.objects.filter(depth__gt=2).exists()
        if not has_pages:
            if not sample and "load_demo" in get_commands():
                self.stdout.write("No content: running load_demo…")
                call_command("load_demo")
            else:
                self.stdout.write("No content: building the sample content…")
                from search.evaluation.sample_content import build
                with transaction.atomic():
                    build()
        engine.rebuild()

    def _report(self, name, result):
        self.stdout.write(name)
        rows = [("all", result["all"])] + list(result["by_lang"].items())
        for label, m in rows:
            figure = (f"  answered-with-figure {_pct(m['answered_with_figure'])} (of {m['with_fact']})"
                      if m.get("answered_with_figure") is not None else "")
            self.stdout.write(f"  {label:>3} n={m['n']:3d}  answered@1 {_pct(m['answered@1'])}  "
                              f"answered@3 {_pct(m['answered@3'])}  MRR {m['mrr']:.3f}{figure}")
        self.stdout.write(f"  latency p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms")
