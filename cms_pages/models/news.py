from django.contrib.syndication.views import Feed
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from cms_pages.blocks import BodyBlock
from cms_pages.models.base import BasePage
from search.knowledge import BODY

NEWS_PER_PAGE = 10


class NewsIndexPage(RoutablePageMixin, BasePage):
    intro = models.TextField(_("вступление"), blank=True)
    search_group = "news"
    search_listing = True

    def search_parts(self, language):
        return super().search_parts(language) + [(self.intro, BODY)]

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["cms_pages.NewsPage"]

    class Meta:
        verbose_name = _("лента новостей")

    def news_items(self):
        return NewsPage.objects.live().public().descendant_of(self).order_by("-date", "-pk")

    @path("")
    def index(self, request):
        paginator = Paginator(self.news_items(), NEWS_PER_PAGE)
        try:
            items = paginator.page(request.GET.get("page") or 1)
        except (EmptyPage, PageNotAnInteger):
            raise Http404(_("Такой страницы ленты нет."))
        return self.render(request, context_overrides={"items": items, "paginator": paginator})

    @path("feed/", name="feed")
    def feed(self, request):
        return NewsFeed(self)(request)

    def feed_url(self):
        return self.url + "feed/"


class NewsFeed(Feed):
    """RSS 2.0 of the latest news and notices, in the language of the URL."""

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.index_page.title

    def link(self):
        return self.index_page.url

    def description(self):
        return self.index_page.summary or self.index_page.intro or self.index_page.title

    def items(self):
        return self.index_page.news_items()[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(timezone.datetime.combine(item.date, timezone.datetime.min.time()))

    def item_categories(self, item):
        return [item.get_kind_display()]


class NewsPage(BasePage):
    search_group = "news"
    KIND_CHOICES = [("news", _("Новость")), ("notice", _("Объявление"))]
    date = models.DateField(_("дата"), default=timezone.localdate)
    kind = models.CharField(_("вид"), max_length=10, choices=KIND_CHOICES, default="news")
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("текст"))

    content_panels = BasePage.content_panels + [FieldPanel("date"), FieldPanel("kind"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body"), index.FilterField("date")]
    parent_page_types = ["cms_pages.NewsIndexPage"]

    class Meta:
        verbose_name = _("новость")

    def get_search_body(self):
        parts = [self.summary, *self.body.stream_block.get_searchable_content(self.body)]
        return " ".join(str(p) for p in parts if p)
