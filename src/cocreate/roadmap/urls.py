from django.urls import path

from cocreate.core.views import placeholder

app_name = "roadmap"
urlpatterns = [path("roadmap/", placeholder, name="index")]
