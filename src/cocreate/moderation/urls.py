from django.urls import path

from . import views

app_name = "moderation"
urlpatterns = [
    path("moderation/", views.queue, name="queue"),
    path("moderation/log/", views.log, name="log"),
    path("moderation/signals/", views.signals, name="signals"),
    path("moderation/signals/<int:pk>/", views.signal_detail, name="signal"),
    path("moderation/members/<int:pk>/", views.member, name="member"),
    path("moderation/<str:kind>/<int:pk>/", views.item, name="item"),
    path("report/<str:kind>/<int:pk>/", views.flag, name="flag"),
]
