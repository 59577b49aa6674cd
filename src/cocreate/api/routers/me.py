from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from cocreate.accounts.selectors import user_roles
from cocreate.core.errors import NotFound
from cocreate.legal.selectors import current_agreement, has_accepted_current

from .. import services
from ..auth import WRITE
from ..pagination import PageParams, paginate
from ..schemas import MeOut, PageOut, TokenCreatedOut, TokenIn, TokenOut
from ..selectors import token_of, tokens_of
from .common import IdPath, errors

router = Router(tags=["me"], auth=WRITE)


@router.get("/me", response={200: MeOut, **errors(401)})
def me(request: HttpRequest):
    """Who the caller is, whether they accepted the current contributor agreement, and their staff roles."""
    user = request.auth
    agreement = current_agreement()
    return {
        "id": user.pk,
        "email": user.email,
        "name": user.public_name,
        "display_name": user.display_name,
        "bio": user.bio,
        "time_zone": user.time_zone,
        "terms": {
            "accepted": has_accepted_current(user),
            "current_version": agreement.version if agreement else None,
            "url": request.build_absolute_uri(reverse("legal:current")),
        },
        "roles": [
            {"role": role, "campaign_id": campaign_id} for role, campaign_id in sorted(user_roles(user), key=str)
        ],
        "authenticated_with": "token" if getattr(request, "api_token", None) else "session",
    }


@router.get("/me/tokens", response={200: PageOut[TokenOut], **errors(401, 404, 422)})
def list_tokens(request: HttpRequest, query: Query[PageParams]):
    """The caller's personal access tokens (never their values)."""
    return paginate(request, tokens_of(request.auth), query)


@router.post("/me/tokens", response={201: TokenCreatedOut, **errors(400, 401, 403, 422)})
def create_token(request: HttpRequest, payload: TokenIn):
    """Create a token. The raw value is in this response only: store it now."""
    token, raw = services.token_create(actor=request.auth, name=payload.name)
    token.token = raw
    return Status(201, token)


@router.delete("/me/tokens/{id}", response={204: None, **errors(401, 403, 404, 409, 422)})
def revoke_token(request: HttpRequest, id: IdPath):
    """Revoke one of the caller's tokens for good."""
    token = token_of(request.auth, id)
    if token is None:
        raise NotFound(_("This token does not exist."))
    services.token_revoke(actor=request.auth, token=token)
    return Status(204, None)
