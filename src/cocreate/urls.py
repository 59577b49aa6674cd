from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from cocreate.api.api import api
from cocreate.campaigns import urls as campaign_urls
from cocreate.core.methods import registry as methods
from cocreate.ideas import staff_urls as idea_staff_urls

# The campaign pages and the staff area's idea pages share the `campaigns` namespace (campaigns:manage…) without
# the campaigns app importing the ideas app: they are put together here, where every app is known.
campaign_pages = ([*campaign_urls.urlpatterns, *idea_staff_urls.urlpatterns], campaign_urls.app_name)
# Each campaign method's own pages (the vote, the map…), from the method registry.
method_urls = list(dict.fromkeys(method.urls for method in methods if method.urls))

urlpatterns = [
    path("", include(campaign_pages)),
    path("", include("cocreate.ideas.urls")),
    path("", include("cocreate.engagement.urls")),
    path("", include("cocreate.core.urls")),
    path("", include("cocreate.review.urls")),
    path("", include("cocreate.roadmap.urls")),
    path("", include("cocreate.notifications.urls")),
    path("", include("cocreate.similarity.urls")),
    path("", include("cocreate.search.urls")),
    path("", include("cocreate.moderation.urls")),
    *[path("", include(module)) for module in method_urls],
    path("", include("cocreate.activity.urls")),
    path("terms/", include("cocreate.legal.urls")),
    path("accounts/", include("cocreate.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("accounts/tokens/", include("cocreate.api.urls")),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
