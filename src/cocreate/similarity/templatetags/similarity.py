from django import template

from cocreate.core.permissions import has_perm

from .. import selectors

register = template.Library()


@register.simple_tag
def campaign_themes(campaign):
    """The campaign's themes, for the theme filter of the idea list (one query)."""
    return selectors.campaign_themes(campaign)


@register.simple_tag(takes_context=True)
def can_view_duplicates(context, campaign):
    request = context.get("request")
    return bool(campaign and request and has_perm(request.user, "similarity.view_duplicates", campaign))


@register.inclusion_tag("similarity/suggestions.html", takes_context=True)
def similar_ideas_for(context, campaign, title, body):
    """The suggestions fragment rendered on the server (the form after 'Check for similar ideas', no JS)."""
    from ..views import suggestion_context

    request = context["request"]
    out = suggestion_context(request, campaign, title or "", body or "", data=request.POST)
    out["request"] = request
    out["csrf_token"] = context.get("csrf_token")
    out["in_form"] = True
    return out
