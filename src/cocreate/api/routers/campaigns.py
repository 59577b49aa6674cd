from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from cocreate.campaigns.models import Campaign
from cocreate.campaigns.selectors import campaign_list, with_counts

from ..auth import READ
from ..pagination import PageParams, paginate
from ..schemas import CampaignDetailOut, CampaignOut, PageOut
from .common import SlugPath, campaign_or_404, errors

router = Router(tags=["campaigns"], auth=READ)


class CampaignQuery(PageParams):
    include_archived: bool = False


@router.get("/campaigns", response={200: PageOut[CampaignOut], **errors(401, 404, 422)})
def list_campaigns(request: HttpRequest, query: Query[CampaignQuery]):
    """Campaigns the caller may see, running ones first."""
    page = paginate(request, campaign_list(request.auth, include_archived=query.include_archived), query)
    page["results"] = with_counts(page["results"])
    return page


@router.get("/campaigns/{slug}", response={200: CampaignDetailOut, **errors(401, 404, 422)})
def get_campaign(request: HttpRequest, slug: SlugPath) -> Campaign:
    """A campaign's brief, phases, support ladder and evaluation criteria."""
    return campaign_or_404(request.auth, slug)
