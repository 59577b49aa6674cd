from django.urls import path

from cocreate.core.views import placeholder

app_name = "tokens"
urlpatterns = [path("", placeholder, name="list")]
