from django.urls import path

from cocreate.core.views import placeholder

app_name = "ideas"
urlpatterns = [
    path("ideas/", placeholder, name="all"),
    path("ideas/mine/", placeholder, name="mine"),
    path("ideas/<int:pk>/", placeholder, name="detail"),
]
