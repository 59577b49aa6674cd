from django.urls import path

from . import views

app_name = "pairwise"
urlpatterns = [
    path("campaigns/<slug:slug>/pairwise/", views.vote, name="vote"),
    path("campaigns/<slug:slug>/pairwise/add/", views.add_entry, name="add"),
    path("campaigns/<slug:slug>/pairwise/results/", views.results, name="results"),
    path("campaigns/<slug:slug>/pairwise/manage/", views.manage, name="manage"),
]
