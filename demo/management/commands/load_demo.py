"""``python manage.py load_demo``: realistic bilingual demo content, demo accounts and the search index.

Safe to run again: objects are found by their natural keys and unchanged pages are left alone, so
a second run gives the same counts (``--force`` publishes every page again as a new revision).
"""
import io
import time
from dataclasses import dataclass

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from cms_pages.models import AlertBanner
from demo import accounts, images
from demo.content import all_pages, centres, contacts, home
from demo.content import reference as reference_content
from demo.loader import Loader

SITE_NAME = "Единое окно"


@dataclass
class Context:
    """What content modules need to build their specs."""

    today: object
    acts: dict
    bodies: dict
    images: dict


def remove_welcome_page():
    """Delete Wagtail's default "Welcome" page (a plain Page under the root) and the Site on it."""
    welcome = Page.objects.filter(depth=2, content_type__app_label="wagtailcore",
                                  content_type__model="page").first()
    if welcome is not None:
        Site.objects.filter(root_page=welcome).delete()
        welcome.delete()
        return True
    return False


def set_default_site(home_page):
    """The HomePage serves every host (default site), listed as localhost:80."""
    site = (Site.objects.filter(is_default_site=True).first()
            or Site.objects.filter(hostname="localhost", port=80).first() or Site())
    site.hostname, site.port, site.root_page = "localhost", 80, home_page
    site.site_name, site.is_default_site = SITE_NAME, True
    site.save()
    Site.objects.exclude(pk=site.pk).filter(is_default_site=True).update(is_default_site=False)
    return site


def build_search_index(stdout):
    """The portal's own index builder when the search app provides it, else Wagtail's."""
    try:
        call_command("rebuild_search_index", stdout=stdout)
        return "rebuild_search_index"
    except CommandError as error:
        if "Unknown command" not in str(error):
            raise
    call_command("update_index", stdout=stdout)
    return "update_index"


class Command(BaseCommand):
    help = _("Загружает демонстрационное содержание на русском и английском, демо-учётные записи и "
             "строит поисковый индекс. Повторный запуск ничего не дублирует.")

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true",
                            help=_("Опубликовать все страницы заново, даже если содержание не менялось."))
        parser.add_argument("--skip-index", action="store_true",
                            help=_("Не строить поисковый индекс."))

    def handle(self, *args, force=False, skip_index=False, verbosity=1, **options):
        started = time.monotonic()
        with translation.override("ru"):
            loader = self.load_content(force)
        index_command = None
        if not skip_index:
            with translation.override("ru"):
                index_command = build_search_index(self.stdout if verbosity > 1 else io.StringIO())
        elapsed = time.monotonic() - started
        self.report(loader, index_command, elapsed)

    @transaction.atomic
    def load_content(self, force):
        made = accounts.load()
        admin = _admin_user()
        acts, bodies = reference_content.load()
        pictures = images.load([(float(c["lat"]), float(c["lon"])) for c in centres.CENTRES])
        ctx = Context(today=timezone.localdate(), acts=acts, bodies=bodies, images=pictures)
        specs = all_pages(ctx)
        loader = Loader(user=admin, force=force)
        remove_welcome_page()
        loader.ensure(specs)
        contacts.load(set_default_site(loader.pages["home"]))
        loader.publish(specs)
        for key, lookup, fields in home.alerts(ctx):
            loader.publish_snippet(key, AlertBanner, lookup, fields)
        add_short_links(loader)
        load_outages()
        from demo import quality as quality_demo
        quality_demo.load([p for p in loader.pages.values() if getattr(p, "show_feedback", False)])
        accounts.give_centres_their_staff()
        loader.accounts = made
        return loader

    def report(self, loader, index_command, elapsed):
        from demo.counts import demo_counts

        write = self.stdout.write
        stats = loader.stats
        write(self.style.SUCCESS(
            _("Демо-содержание загружено за %(seconds).1f с: создано страниц %(created)s, опубликовано "
              "%(published)s, без изменений %(unchanged)s.") % {"seconds": elapsed, **stats}))
        for label, count in demo_counts().items():
            write(f"  {label}: {count}")
        if index_command:
            write(_("Поисковый индекс построен командой %(command)s.") % {"command": index_command})
        write("")
        write(self.style.WARNING(_("Учётные записи только для демонстрации (пароль из DEMO_PASSWORD или "
                                   "демо-пароль по умолчанию; смените его на настоящем сайте):")))
        password = accounts.demo_password()
        for username, group in loader.accounts:
            write(f"  {username:<12} {password:<20} {group}")
        write(_("Вход в редакторский интерфейс: /admin/"))


def _admin_user():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username="admin").first()


SHORT_LINKS = {"privacy": "about/privacy"}  # the consent texts link to /<lang>/privacy/


def add_short_links(loader):
    """Short addresses used in printed material and consent texts, as Wagtail redirects."""
    from wagtail.contrib.redirects.models import Redirect

    for short, key in SHORT_LINKS.items():
        page = loader.pages.get(key)
        if page is None:
            continue
        for code in ("ru", "en"):
            Redirect.objects.update_or_create(
                old_path=Redirect.normalise_path(f"/{code}/{short}/"), site=None,
                defaults={"redirect_page": page, "is_permanent": False})


def load_outages():
    """The outage registry's own demo data, if that app provides it."""
    from django.core.management import CommandError, call_command

    try:
        call_command("load_demo_outages", verbosity=0)
    except CommandError as error:
        if "Unknown command" not in str(error):
            raise
