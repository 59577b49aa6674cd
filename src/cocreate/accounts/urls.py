from django.urls import path

from cocreate.core.views import placeholder

app_name = "accounts"
urlpatterns = [
    path("settings/", placeholder, name="settings"),
    path("members/<int:pk>/", placeholder, name="profile"),
]
