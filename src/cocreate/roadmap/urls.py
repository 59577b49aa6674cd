from django.urls import path

from . import views

app_name = "roadmap"
urlpatterns = [
    path("roadmap/", views.index, name="index"),
    path("roadmap/items/<int:pk>/", views.item_detail, name="item"),
    path("roadmap/items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("roadmap/items/<int:pk>/progress/", views.item_progress, name="item_progress"),
    path("roadmap/items/<int:pk>/milestones/", views.milestone_add, name="milestone_add"),
    path("roadmap/milestones/<int:pk>/done/", views.milestone_toggle, name="milestone_toggle"),
    path("roadmap/milestones/<int:pk>/remove/", views.milestone_remove, name="milestone_remove"),
    path("roadmap/releases/", views.release_list, name="releases"),
    path("roadmap/releases/<int:pk>/", views.release_detail, name="release"),
    path("roadmap/releases/<int:pk>/edit/", views.release_edit, name="release_edit"),
    path("roadmap/releases/<int:pk>/publish/", views.release_publish, name="release_publish"),
    path("roadmap/releases/<int:pk>/delete/", views.release_delete, name="release_delete"),
    path("roadmap/campaigns/<slug:slug>/items/new/", views.item_create, name="item_create"),
    path("roadmap/campaigns/<slug:slug>/releases/new/", views.release_create, name="release_create"),
]
