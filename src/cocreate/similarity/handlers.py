"""Event handlers of this context (subscribed on app ready): keep idea vectors fresh in the background."""

from cocreate.core.events import subscribe
from cocreate.ideas.events import IdeaRevised, IdeaStatusChanged, IdeaSubmitted

from .events import IdeasMerged, MergeUndone


@subscribe(IdeaSubmitted)
@subscribe(IdeaRevised)
@subscribe(IdeaStatusChanged)
def refresh_vectors_on_idea_change(event) -> None:
    from .tasks import refresh_idea_vectors

    refresh_idea_vectors.enqueue(event.idea_id)


@subscribe(IdeasMerged)
@subscribe(MergeUndone)
def refresh_vectors_on_merge(event) -> None:
    from .tasks import refresh_idea_vectors

    refresh_idea_vectors.enqueue(event.source_id)
    refresh_idea_vectors.enqueue(event.target_id)
