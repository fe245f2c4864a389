from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from cms_pages.blocks import BodyBlock
from cms_pages.models.base import BasePage


class NewsIndexPage(BasePage):
    intro = models.TextField(_("вступление"), blank=True)
    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["cms_pages.NewsPage"]

    class Meta:
        verbose_name = _("лента новостей")

    def news_items(self):
        return NewsPage.objects.live().public().descendant_of(self).order_by("-date", "-pk")


class NewsPage(BasePage):
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
