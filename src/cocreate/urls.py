from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from cocreate.api.api import api

urlpatterns = [
    path("", include("cocreate.campaigns.urls")),
    path("", include("cocreate.ideas.urls")),
    path("", include("cocreate.engagement.urls")),
    path("", include("cocreate.core.urls")),
    path("", include("cocreate.review.urls")),
    path("", include("cocreate.roadmap.urls")),
    path("", include("cocreate.notifications.urls")),
    path("", include("cocreate.similarity.urls")),
    path("", include("cocreate.search.urls")),
    path("", include("cocreate.moderation.urls")),
    path("", include("cocreate.opinionmap.urls")),
    path("", include("cocreate.pairwise.urls")),
    path("terms/", include("cocreate.legal.urls")),
    path("accounts/", include("cocreate.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("accounts/tokens/", include("cocreate.api.urls")),
    path("admin/", admin.site.urls),
]

if settings.BENCHMARK_ENDPOINTS:  # never on in production: benchmarks/ turns it on for its own server
    from cocreate.core import bench_views

    urlpatterns += [
        path("bench/baseline/", bench_views.baseline_json),
        path("bench/raw-support/", bench_views.raw_support_toggle),
    ]

if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
