"""Event handlers of this context (subscribed on app ready): accepted ideas go on the roadmap."""

from cocreate.core.events import subscribe
from cocreate.ideas.events import IdeaStatusChanged
from cocreate.ideas.lifecycle import IdeaStatus

from .services import roadmap_item_for_accepted_idea


@subscribe(IdeaStatusChanged)
def put_accepted_idea_on_roadmap(event: IdeaStatusChanged) -> None:
    if event.to_status == IdeaStatus.ACCEPTED:
        roadmap_item_for_accepted_idea(idea_id=event.idea_id, actor_id=event.actor_id, note=event.note)
