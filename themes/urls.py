from django.urls import path

from themes import views

app_name = "themes"
urlpatterns = [
    path("", views.settings_page, name="settings"),
    path("set/", views.set_settings, name="set"),
]
