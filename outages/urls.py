from django.urls import path

from outages import feeds, views

app_name = "outages"
urlpatterns = [
    path("", views.outage_list, name="list"),
    path("<int:pk>/", views.outage_detail, name="detail"),
    path("check/", views.address_check, name="check"),
    path("feed/rss/", feeds.OutageRssFeed(), name="rss"),
    path("feed/rss/<slug:slug>/", feeds.OutageRssFeed(), name="rss_settlement"),
    path("feed/ical/", feeds.ical_feed, name="ical"),
    path("feed/ical/<slug:slug>/", feeds.ical_feed, name="ical_settlement"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/sent/", views.subscribe_sent, name="subscribe_sent"),
    path("subscribe/confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
