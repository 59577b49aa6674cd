from django.urls import path

from . import views

app_name = "review"
urlpatterns = [
    path("review/", views.queue, name="queue"),
    path("review/mine/", views.my_queue, name="mine"),
    path("review/bulk/", views.bulk, name="bulk"),
    path("review/audit/", views.audit, name="audit"),
    path("review/response-promise/", views.awaiting_response, name="awaiting"),
    path("review/ideas/<int:pk>/", views.idea_review, name="idea"),
    path("review/ideas/<int:pk>/send/", views.send, name="send"),
    path("review/ideas/<int:pk>/assign/", views.assign, name="assign"),
    path("review/ideas/<int:pk>/stage/", views.move_stage, name="move_stage"),
    path("review/ideas/<int:pk>/score/", views.score, name="score"),
    path("review/ideas/<int:pk>/decide/", views.decide, name="decide"),
    path("review/ideas/<int:pk>/resubmit/", views.resubmit, name="resubmit"),
    path("review/campaigns/<slug:slug>/stages/", views.stages, name="stages"),
]
