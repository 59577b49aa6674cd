"""Keep the search index fresh: each change to a campaign, idea or comment reindexes that one row after commit.

A row is a primary-key write into the FTS5 table (nothing at all on PostgreSQL, which searches live), cheap
enough to do in the handler rather than through the task queue, so a search right after a write finds it even
when no worker runs."""

from cocreate.campaigns.events import CampaignChanged
from cocreate.core.events import subscribe
from cocreate.engagement.events import CommentDeleted, CommentEdited, CommentPosted
from cocreate.ideas.events import IdeaRevised, IdeaStatusChanged, IdeaSubmitted

from . import index


@subscribe(IdeaSubmitted)
@subscribe(IdeaRevised)
@subscribe(IdeaStatusChanged)
def reindex_idea(event) -> None:
    index.index_objects("idea", [event.idea_id])


@subscribe(CommentPosted)
@subscribe(CommentEdited)
@subscribe(CommentDeleted)
def reindex_comment(event) -> None:
    # A deleted comment is no longer a document: index_objects removes it.
    index.index_objects("comment", [event.comment_id])


@subscribe(CampaignChanged)
def reindex_campaign(event) -> None:
    index.index_objects("campaign", [event.campaign_id])
