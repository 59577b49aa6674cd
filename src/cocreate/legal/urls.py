from django.urls import path

from . import views

app_name = "legal"
urlpatterns = [
    path("", views.current, name="current"),
    path("v<int:version>/", views.version, name="version"),
    path("accept/", views.accept, name="accept"),
    path("publish/", views.publish, name="publish"),
    path("acceptances.csv", views.export, name="export"),
]
