from django.urls import path

from . import views

app_name = "engagement"
urlpatterns = [
    path("ideas/<int:pk>/support/", views.support_toggle, name="support"),
    path("ideas/<int:pk>/follow/", views.follow_toggle, name="follow"),
    path("ideas/<int:pk>/comments/", views.comment_create, name="comment"),
    path("comments/<int:pk>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<int:pk>/delete/", views.comment_delete, name="comment_delete"),
]
