from django.urls import path

from cocreate.core.views import placeholder

app_name = "search"
urlpatterns = [path("search/", placeholder, name="results")]
