from django.urls import path

from . import views

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("campaigns/new/", views.campaign_create, name="create"),
    path("campaigns/<slug:slug>/", views.campaign_detail, name="detail"),
    path("campaigns/<slug:slug>/edit/", views.campaign_edit, name="edit"),
    path("campaigns/<slug:slug>/manage/", views.campaign_manage, name="manage"),
    path("campaigns/<slug:slug>/manage/ideas/<int:pk>/moderate/", views.idea_moderate_view, name="moderate"),
    path("campaigns/<slug:slug>/manage/ideas/<int:pk>/status/", views.idea_status_view, name="idea_status"),
    path("campaigns/<slug:slug>/team/", views.campaign_team, name="team"),
    path("campaigns/<slug:slug>/team/remove/", views.campaign_team_remove, name="team_remove"),
    path("campaigns/<slug:slug>/invitations/", views.campaign_invitations, name="invitations"),
]
