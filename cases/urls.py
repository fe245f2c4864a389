from django.urls import path
from django.views.generic import RedirectView

from cases import views

app_name = "cases"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="cases:start", query_string=True), name="index"),
    path("new/", views.start, name="start"),
    path("new/details/", views.details, name="details"),
    path("new/contact/", views.contact, name="contact"),
    path("new/check/", views.check, name="check"),
    path("new/done/", views.done, name="done"),
    path("status/", views.status, name="status"),
]
