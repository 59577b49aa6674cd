from django.urls import path

from cocreate.core.views import placeholder

app_name = "moderation"
urlpatterns = [path("moderation/", placeholder, name="queue")]
