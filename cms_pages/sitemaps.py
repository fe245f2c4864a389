"""One sitemap entry per public page per language, with hreflang alternates."""
from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.utils import translation
from wagtail.models import Page


class BilingualSitemap(Sitemap):
    def items(self):
        pages = Page.objects.live().public().filter(depth__gt=1).specific().order_by("path")
        return [(page, code) for page in pages for code, _name in settings.LANGUAGES]

    def location(self, item):
        page, code = item
        with translation.override(code):
            return page.get_url_parts()[2]

    def lastmod(self, item):
        return item[0].last_published_at
