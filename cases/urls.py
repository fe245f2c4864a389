from django.urls import path
from django.views.generic import RedirectView

from cases import callback, status_details, views

app_name = "cases"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="cases:start", query_string=True), name="index"),
    path("new/", views.start, name="start"),
    path("new/details/", views.details, name="details"),
    path("new/contact/", views.contact, name="contact"),
    path("new/check/", views.check, name="check"),
    path("new/done/", views.done, name="done"),
    path("status/", views.status, name="status"),
    path("status/document/<int:pk>/", status_details.document, name="status_document"),
    path("callback/", callback.callback, name="callback"),
    path("callback/done/", callback.callback_done, name="callback_done"),
]
