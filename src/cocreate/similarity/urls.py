from django.urls import path

from cocreate.core.views import placeholder

app_name = "similarity"
urlpatterns = [path("search/", placeholder, name="search")]
