from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services
from .models import ReactionRun
from .permissions import has_perm


def placeholder(request, *args, **kwargs):
    return HttpResponse("Coming soon.", content_type="text/plain")


def health(request):
    """Liveness and database readiness for load balancers and `make run` checks."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok", "database": "ok"})
    except Exception:  # the probe must answer even when the database does not
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)


@login_required
@require_GET
def reactions(request: HttpRequest) -> HttpResponse:
    """Admins see every reaction that failed (retrying or given up), with its error and a retry button."""
    if not has_perm(request.user, "core.view_reactions"):
        raise PermissionDenied
    return render(request, "core/reactions.html", selectors.reactions_overview())


@login_required
@require_POST
def reaction_retry(request: HttpRequest, pk: int) -> HttpResponse:
    if not has_perm(request.user, "core.retry_reaction"):
        raise PermissionDenied
    run = get_object_or_404(ReactionRun, pk=pk)
    services.reaction_retry(actor=request.user, run=run)  # a refusal (already done) goes the one error path
    messages.success(request, _("The reaction was queued to run again."))
    return redirect("core:reactions")
