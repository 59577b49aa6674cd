"""`{% merge_tools idea %}`: the duplicates box on an idea page (merge, mark as duplicate, undo merges into it)."""

from django import template

from cocreate.core.permissions import has_perm
from cocreate.ideas.lifecycle import TRANSITIONS
from cocreate.similarity.models import IdeaMerge

register = template.Library()


@register.inclusion_tag("similarity/merge_tools.html", takes_context=True)
def merge_tools(context, idea):
    user = context["request"].user
    mergeable = idea.status in TRANSITIONS["merge"].sources
    can_merge = mergeable and has_perm(user, "similarity.merge", idea)
    can_undo = has_perm(user, "similarity.undo_merge", idea)  # same campaign as the ideas merged into it
    merges_in = []
    if can_undo:
        merges_in = list(IdeaMerge.objects.filter(target=idea, undone_at__isnull=True).select_related("source"))
    return {
        "idea": idea,
        "merges_in": merges_in,
        "can_merge": can_merge,
        "can_undo": can_undo,
        "can_mark": mergeable and has_perm(user, "similarity.mark_duplicate", idea),
        "csrf_token": context.get("csrf_token"),
    }
