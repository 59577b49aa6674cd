from django.urls import path

from cocreate.core.views import placeholder

app_name = "legal"
urlpatterns = [path("", placeholder, name="current")]
