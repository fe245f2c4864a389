from django.urls import path

from disclosure import views

app_name = "disclosure"
urlpatterns = [
    path("", views.register, name="register"),
    path("<slug:code>/", views.item_detail, name="item"),
]
