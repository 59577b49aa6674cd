from django.urls import path

from . import views

# The site's URLconf adds the staff area's idea pages (ideas/staff_urls.py) to this namespace.
app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("campaigns/new/", views.campaign_create, name="create"),
    path("campaigns/<slug:slug>/", views.campaign_detail, name="detail"),
    path("campaigns/<slug:slug>/edit/", views.campaign_edit, name="edit"),
    path("campaigns/<slug:slug>/team/", views.campaign_team, name="team"),
    path("campaigns/<slug:slug>/team/remove/", views.campaign_team_remove, name="team_remove"),
    path("campaigns/<slug:slug>/invitations/", views.campaign_invitations, name="invitations"),
]
