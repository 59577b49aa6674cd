from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("health/", views.health, name="health"),
    path("staff/reactions/", views.reactions, name="reactions"),
    path("staff/reactions/<int:pk>/retry/", views.reaction_retry, name="reaction_retry"),
]
