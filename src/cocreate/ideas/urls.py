from django.conf import settings
from django.urls import path, re_path

from . import views

app_name = "ideas"
urlpatterns = [
    path("ideas/", views.idea_list_all, name="all"),
    path("ideas/mine/", views.idea_list_mine, name="mine"),
    path("ideas/tags/<slug:slug>/", views.tag_ideas, name="tag"),
    path("ideas/<int:pk>/", views.idea_detail, name="detail"),
    path("ideas/<int:pk>/edit/", views.idea_edit, name="edit"),
    path("ideas/<int:pk>/submit/", views.idea_submit_draft, name="submit_draft"),
    path("ideas/<int:pk>/withdraw/", views.idea_withdraw, name="withdraw"),
    path("ideas/<int:pk>/history/", views.idea_history, name="history"),
    path("ideas/<int:pk>/updates/new/", views.idea_post_update, name="post_update"),
    path("campaigns/<slug:slug>/submit/", views.idea_submit, name="submit"),
    # Idea images are always served through this check (F9), also when a proxy serves the rest of the media.
    re_path(rf"^{settings.MEDIA_URL.lstrip('/')}ideas/(?P<path>.+)$", views.image_file, name="image_file"),
]
