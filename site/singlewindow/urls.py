from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.urls import include, path
from django.views.generic import RedirectView, TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms_pages.sitemaps import BilingualSitemap
from search import views as search_views
from themes import views as theme_views

# A body too large or unreadable gets a clear page in the visitor's language (ops.views.bad_request).
handler400 = "ops.views.bad_request"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("ops.urls")),
    path("api/search", search_views.api_search, name="api_search"),
    path("sitemap.xml", sitemap_view, {"sitemaps": {"pages": BilingualSitemap}}),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8")),
    # Browsers that ignore <link rel="icon"> still ask for /favicon.ico
    path("favicon.ico", theme_views.favicon),
    path("", RedirectView.as_view(url=f"/{settings.LANGUAGE_CODE}/", permanent=False)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    path("requests/", include("cases.urls")),
    path("calculators/", include("calculators.urls")),
    path("outages/", include("outages.urls")),
    path("feedback/", include("feedback.urls")),
    path("service-quality/", include("quality.urls")),
    path("disclosure/", include("disclosure.urls")),
    path("visits/", include("visits.urls")),
    path("accessibility-settings/", include("themes.urls")),
    path("", include("cms_pages.urls")),  # <page url>data.csv / data.json before Wagtail's pages
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
