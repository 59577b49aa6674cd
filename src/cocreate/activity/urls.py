from django.urls import path

from . import views

app_name = "activity"
urlpatterns = [
    path("staff/activity/", views.staff_log, name="staff"),
    path("activity/", views.public_log, name="public"),
]
