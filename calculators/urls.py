from django.urls import path

from calculators import views

app_name = "calculators"
urlpatterns = [
    path("", views.index, name="index"),
    path("connection-fee/", views.connection_fee, name="connection_fee"),
    path("bill/", views.bill, name="bill"),
    path("benefits/", views.eligibility, name="eligibility"),
]
