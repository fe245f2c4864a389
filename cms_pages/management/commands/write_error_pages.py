"""Write the hotline from the site setting into nginx's static error pages (deploy/errors/413.*.html).

nginx serves those pages itself, without the app or the database, so they cannot read the setting:
after editors change the hotline (Settings → «Контакты»), run ``manage.py write_error_pages`` on
deploy. The paragraph between ``<!-- hotline -->`` and ``<!-- /hotline -->`` is rewritten in each
page's language; the rest of the page is left as it is.
"""
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.utils import translation

from cms_pages.templatetags.contacts import current_hotline

MARKED = re.compile(r"(<!-- hotline -->)(.*?)(<!-- /hotline -->)", re.DOTALL)
PAGE_NAME = re.compile(r"^\d{3}\.(?P<language>[a-z]{2})\.html$")


class Command(BaseCommand):
    help = "Write the hotline from the site setting into the static error pages nginx serves."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(Path(settings.BASE_DIR) / "deploy" / "errors"),
                            help="Folder of the static error pages (default: deploy/errors).")

    def handle(self, *args, **options):
        folder = Path(options["dir"])
        if not folder.is_dir():
            raise CommandError(f"No such folder: {folder}")
        written = 0
        for path in sorted(folder.glob("*.html")):
            match = PAGE_NAME.match(path.name)
            if not match:
                continue
            text = path.read_text(encoding="utf-8")
            if not MARKED.search(text):
                self.stderr.write(f"{path.name}: no <!-- hotline --> marker, left as it is")
                continue
            with translation.override(match["language"]):
                paragraph = render_to_string("cms_pages/includes/hotline_paragraph.html",
                                             {"hotline": current_hotline()}).strip()
            new = MARKED.sub(lambda m: m[1] + paragraph + m[3], text)
            if new != text:
                path.write_text(new, encoding="utf-8")
                written += 1
        self.stdout.write(f"error pages rewritten: {written}")
