"""Keep the search index fresh: each change to a campaign, idea or comment reindexes that one row.

A row is a primary-key write into the FTS5 table (nothing at all on PostgreSQL, which searches live). It runs as
a reaction (a retried task, see cocreate.core.events), so a failed write into the index is retried and shown
to admins instead of leaving the index stale; the price is that a search finds a change once the worker ran
(a moment in `make run`). Reindexing is idempotent: it writes the row's current text."""

from cocreate.campaigns.events import CampaignChanged
from cocreate.core.events import reaction
from cocreate.engagement.events import CommentDeleted, CommentEdited, CommentPosted
from cocreate.ideas.events import IdeaRevised, IdeaStatusChanged, IdeaSubmitted

from . import index


@reaction(IdeaSubmitted)
@reaction(IdeaRevised)
@reaction(IdeaStatusChanged)
def reindex_idea(event) -> None:
    index.index_objects("idea", [event.idea_id])


@reaction(CommentPosted)
@reaction(CommentEdited)
@reaction(CommentDeleted)
def reindex_comment(event) -> None:
    # A deleted comment is no longer a document: index_objects removes it.
    index.index_objects("comment", [event.comment_id])


@reaction(CampaignChanged)
def reindex_campaign(event) -> None:
    index.index_objects("campaign", [event.campaign_id])
