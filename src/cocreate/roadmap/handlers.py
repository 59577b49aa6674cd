"""Reactions of this context (registered on app ready, run as retried tasks): accepted ideas go on the roadmap."""

from cocreate.core.events import reaction
from cocreate.ideas.events import IdeaStatusChanged
from cocreate.ideas.lifecycle import IdeaStatus

from .services import roadmap_item_for_accepted_idea


@reaction(IdeaStatusChanged, when=lambda event: event.to_status == IdeaStatus.ACCEPTED)
def put_accepted_idea_on_roadmap(event: IdeaStatusChanged) -> None:
    """Idempotent: the service adds no second item for an idea already on the roadmap."""
    roadmap_item_for_accepted_idea(idea_id=event.idea_id, actor_id=event.actor_id, note=event.note)
