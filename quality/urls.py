from django.urls import path

from quality import views

app_name = "quality"
urlpatterns = [
    path("", views.report_page, name="report"),
    path("data.csv", views.report_csv, name="csv"),
    path("data.json", views.report_json, name="json"),
]
