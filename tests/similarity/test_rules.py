"""Mark as duplicate is one rule: the page, the API and the service read it (an author with co-authors is refused
everywhere and sent to a moderator)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cocreate.accounts.models import Role
from cocreate.core.permissions import has_perm, refusal
from tests.factories import IdeaFactory, MemberFactory, staff

pytestmark = pytest.mark.django_db

NEEDS_MODERATOR = "Your idea has co-authors: ask a moderator to merge it, so everyone agrees."


def test_the_only_author_may_mark_their_idea_a_duplicate():
    idea = IdeaFactory()

    assert has_perm(idea.author, "similarity.mark_duplicate", idea)
    assert has_perm(idea.author, "similarity.merge_or_mark", idea)


def test_an_author_with_coauthors_may_not_and_is_told_why():
    idea = IdeaFactory()
    coauthor = MemberFactory()
    idea.coauthors.add(coauthor)

    refused = refusal(idea.author, "similarity.mark_duplicate", idea)
    assert (refused.status, refused.code, str(refused.message)) == (403, "needs_moderator", NEEDS_MODERATOR)
    assert refusal(idea.author, "similarity.merge_or_mark", idea).code == "needs_moderator"
    assert str(refusal(coauthor, "similarity.mark_duplicate", idea).message) == (
        "Only the author can mark this idea as a duplicate."
    )


def test_strangers_may_not_and_moderators_merge_instead():
    idea = IdeaFactory()
    idea.coauthors.add(MemberFactory())
    moderator = staff(Role.MODERATOR, campaign=idea.campaign)

    for who in (MemberFactory(), AnonymousUser()):
        assert str(refusal(who, "similarity.merge_or_mark", idea).message) == "Only moderators can merge ideas."
    assert not has_perm(moderator, "similarity.mark_duplicate", idea)
    assert has_perm(moderator, "similarity.merge_or_mark", idea)
