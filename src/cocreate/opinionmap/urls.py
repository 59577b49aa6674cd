from django.urls import path

from . import views

app_name = "opinionmap"
urlpatterns = [
    path("campaigns/<slug:slug>/opinions/", views.vote_page, name="vote"),
    path("campaigns/<slug:slug>/opinions/vote/", views.vote_submit, name="vote_submit"),
    path("campaigns/<slug:slug>/opinions/statements/", views.statement_submit, name="submit"),
    path("campaigns/<slug:slug>/opinions/report/", views.report_page, name="report"),
    path("campaigns/<slug:slug>/opinions/report.csv", views.report_csv, name="report_csv"),
    path("campaigns/<slug:slug>/opinions/moderate/", views.moderate_page, name="moderate"),
    path("campaigns/<slug:slug>/opinions/moderate/<int:pk>/", views.moderate_statement, name="moderate_statement"),
    path("campaigns/<slug:slug>/opinions/settings/", views.settings_page, name="settings"),
    path("campaigns/<slug:slug>/opinions/recompute/", views.recompute, name="recompute"),
]
