"""The product's URLs plus the benchmark baselines (a fixed JSON view, a raw-SQL support write)."""

from django.urls import path

from cocreate.urls import urlpatterns as product_urlpatterns

from . import views

urlpatterns = [
    path("bench/baseline/", views.baseline_json),
    path("bench/raw-support/", views.raw_support_toggle),
    *product_urlpatterns,
]
