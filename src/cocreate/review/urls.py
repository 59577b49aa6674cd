from django.urls import path

from cocreate.core.views import placeholder

app_name = "review"
urlpatterns = [path("review/", placeholder, name="queue")]
