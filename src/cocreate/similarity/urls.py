from django.urls import path

from . import merge_views, views

app_name = "similarity"
urlpatterns = [
    path("campaigns/<slug:slug>/similar/", views.similar_suggestions, name="suggest"),
    path("campaigns/<slug:slug>/duplicates/", views.duplicate_queue, name="duplicates"),
    path("campaigns/<slug:slug>/themes/refresh/", views.refresh_themes, name="refresh_themes"),
    path("campaigns/<slug:slug>/duplicates/dismiss/", views.dismiss_duplicate, name="dismiss_duplicate"),
    path("duplicate-dismissals/<int:pk>/restore/", views.restore_dismissal, name="restore_dismissal"),
    path("ideas/<int:pk>/merge/", merge_views.merge, name="merge"),
    path("merges/<int:pk>/undo/", merge_views.merge_undo, name="merge_undo"),
    path("merges/", merge_views.merge_log, name="merge_log"),
]
