from django.urls import path

from visits import views

app_name = "visits"
urlpatterns = [
    path("centre/<int:centre_id>/", views.start, name="start"),
    path("centre/<int:centre_id>/time/", views.time, name="time"),
    # "/token/" before the secret: the outbox view masks it (cases.access.redact)
    path("booking/token/<str:token>/", views.manage, name="manage"),
    path("booking/token/<str:token>/cancel/", views.cancel, name="cancel"),
    path("booking/token/<str:token>/move/", views.move, name="move"),
]
