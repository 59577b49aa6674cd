"""Reactions of this context (registered on app ready, run as retried tasks): keep idea vectors fresh."""

from cocreate.core.events import reaction
from cocreate.ideas.events import IdeaRevised, IdeaStatusChanged, IdeaSubmitted

from .events import IdeasMerged, MergeUndone


@reaction(IdeaSubmitted)
@reaction(IdeaRevised)
@reaction(IdeaStatusChanged)
def refresh_vectors_on_idea_change(event) -> None:
    """Idempotent: unchanged text writes nothing."""
    from .services import idea_vectors_refresh

    idea_vectors_refresh(idea_id=event.idea_id)


@reaction(IdeasMerged)
@reaction(MergeUndone)
def refresh_vectors_on_merge(event) -> None:
    from .services import idea_vectors_refresh

    idea_vectors_refresh(idea_id=event.source_id)
    idea_vectors_refresh(idea_id=event.target_id)
