from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("settings/", views.settings_view, name="settings"),
    path("members/<int:pk>/", views.profile, name="profile"),
    path("roles/", views.roles, name="roles"),
    path("roles/<int:pk>/remove/", views.role_remove, name="role_remove"),
]
