from django.urls import path

from feedback import views

app_name = "feedback"
urlpatterns = [
    path("", views.submit, name="submit"),
    path("<str:token>/", views.comment, name="comment"),
    path("<str:token>/thanks/", views.done, name="done"),
]
