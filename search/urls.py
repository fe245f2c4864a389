from django.urls import path

from search import views

app_name = "search"
urlpatterns = [
    path("", views.search_view, name="search"),
    path("api/", views.api_search, name="api"),
    path("suggest/", views.suggest, name="suggest"),
]
