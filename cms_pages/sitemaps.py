"""One sitemap entry per public page per language (Django's i18n sitemap), with hreflang alternates.

Locations are computed with each language active, so wagtail-modeltranslation gives the
translated slugs (/ru/uslugi/… and /en/services/…)."""
from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from wagtail.models import Page, Site


class BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = False  # there is no unprefixed page to point at (the root redirects to /ru/)

    def items(self):
        roots = [site.root_page for site in Site.objects.select_related("root_page")]
        if not roots:
            return []
        under_a_site = Q()
        for root in roots:
            under_a_site |= Q(path__startswith=root.path)
        return list(Page.objects.live().public().filter(under_a_site).order_by("path"))

    def location(self, page):
        parts = page.get_url_parts()
        return parts[2] if parts else "/"

    def lastmod(self, page):
        return page.last_published_at
