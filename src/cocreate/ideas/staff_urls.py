"""The campaign staff area's idea pages. The site's URLconf mounts these patterns inside the `campaigns` namespace
(next to campaigns.urls), so their names stay `campaigns:manage`, `campaigns:moderate`, `campaigns:idea_status`:
the campaigns app does not import the ideas app that builds on it."""

from django.urls import path

from . import staff_views

urlpatterns = [
    path("campaigns/<slug:slug>/manage/", staff_views.campaign_manage, name="manage"),
    path("campaigns/<slug:slug>/manage/ideas/<int:pk>/moderate/", staff_views.idea_moderate_view, name="moderate"),
    path("campaigns/<slug:slug>/manage/ideas/<int:pk>/status/", staff_views.idea_status_view, name="idea_status"),
]
