"""``<page url>data.csv`` and ``<page url>data.json``: Wagtail's own page pattern does not allow a dot,
so these addresses are matched here and handed to the page's routes (RoutablePageMixin)."""
from django.urls import re_path

from cms_pages import views

urlpatterns = [
    re_path(r"^(?P<page_path>(?:[\w\-]+/)*)(?P<filename>data\.(?:csv|json))$", views.page_data_file,
            name="page_data_file"),
]
