from django.urls import path

from cocreate.core.views import placeholder

app_name = "notifications"
urlpatterns = [path("notifications/", placeholder, name="list")]
