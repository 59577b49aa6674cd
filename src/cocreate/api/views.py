"""The page where members manage their personal access tokens. Thin: forms in, services out."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cocreate.core.forms import form_errors

from . import selectors, services
from .forms import TokenCreateForm, TokenRevokeForm


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    """List the member's tokens; POST creates one and shows its raw value on this response only.

    The raw value is rendered rather than redirected to, so it is never stored anywhere (no session, no message),
    and `never_cache` keeps it out of the browser's and proxies' caches."""
    form = TokenCreateForm(request.POST or None)
    created = raw = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            with form_errors(form) as outcome:
                created, raw = services.token_create(actor=request.user, name=form.cleaned_data["name"])
                form = TokenCreateForm()
            status = 400 if outcome.failed else 200
        else:
            status = 400
    context = {
        "form": form,
        "tokens": selectors.tokens_of(request.user),
        "created": created,
        "raw_token": raw,
        "api_docs_url": "/api/v1/docs",
    }
    return render(request, "api/tokens.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for confirmation, then revoke."""
    token = selectors.token_of(request.user, pk)
    if token is None:
        raise Http404(_("This token does not exist."))
    form = TokenRevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            services.token_revoke(actor=request.user, token=token)
            messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
            return redirect("tokens:list")
    return render(
        request,
        "api/token_revoke.html",
        {"token": token, "form": form},
        status=400 if request.method == "POST" else 200,
    )
