"""The project's URLs plus views that call a "service" and catch nothing: the error middleware must answer them."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from cocreate.core.errors import ApplicationError, Conflict, NotFound, PermissionDenied, TermsNotAccepted
from cocreate.urls import urlpatterns as project_urlpatterns

REFUSALS = {
    "denied": lambda: PermissionDenied("Only the campaign's facilitators may do that."),
    "missing": lambda: NotFound("That idea is gone."),
    "missing_code": lambda: ApplicationError("That token is gone.", code="token_not_found"),
    "conflict": lambda: Conflict("An idea under review cannot be withdrawn."),
    "invalid": lambda: ApplicationError("Give the idea a title.", field="title"),
    "terms": lambda: TermsNotAccepted(),
}


@csrf_exempt
def forgetful(request, kind: str) -> HttpResponse:
    raise REFUSALS[kind]()


urlpatterns = [
    path("forgetful/<str:kind>/", forgetful),
    path("api/forgetful/<str:kind>/", forgetful),  # a plain Django view under /api/ (not ninja)
    *project_urlpatterns,
]
