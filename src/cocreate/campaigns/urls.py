from django.urls import path

from cocreate.core.views import placeholder

app_name = "campaigns"
urlpatterns = [
    path("", placeholder, name="list"),
    path("campaigns/new/", placeholder, name="create"),
    path("campaigns/<slug:slug>/", placeholder, name="detail"),
]
