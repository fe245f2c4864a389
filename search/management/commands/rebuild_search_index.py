import time

from django.core.management.base import BaseCommand

from search import engine


class Command(BaseCommand):
    help = "Rebuild the search index (embedded, and Elasticsearch when configured) from live pages."

    def handle(self, *args, **options):
        started = time.perf_counter()
        verbosity = options["verbosity"]
        state = {"last": -1}

        def progress(done, total):
            percent = done * 100 // total if total else 100
            if verbosity and (percent // 5 != state["last"] // 5 or done == total):
                state["last"] = percent
                bar = "#" * (percent // 5)
                self.stdout.write(f"\r[{bar:<20}] {percent:3d}% ({done}/{total})", ending="")
                self.stdout.flush()

        counts = engine.rebuild(progress=progress)
        if verbosity:
            self.stdout.write("")
        docs = ", ".join(f"{lang}: {n}" for lang, n in counts["documents"].items())
        self.stdout.write(self.style.SUCCESS(
            f"Indexed {counts['pages']} pages ({docs} documents), {counts['terms']} terms "
            f"in {time.perf_counter() - started:.1f} s."))
        if engine.elasticsearch_engine() is not None:
            if counts["elasticsearch"] is None:
                self.stdout.write(self.style.WARNING(
                    "Elasticsearch did not answer: only the embedded index was rebuilt."))
            else:
                self.stdout.write(f"Elasticsearch: {counts['elasticsearch']}")
