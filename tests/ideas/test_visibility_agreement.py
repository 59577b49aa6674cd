"""One idea at hand (idea_reference, checked by the ideas.view rule) and lists (ideas_visible_to, one query)
must agree on who sees what, for every kind of viewer and idea."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from cocreate.accounts.models import Role
from cocreate.campaigns.models import CampaignStatus, Visibility
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.selectors import idea_reference, ideas_visible_to
from tests.factories import CampaignFactory, IdeaFactory, InvitationFactory, MemberFactory, staff

pytestmark = pytest.mark.django_db


def test_one_idea_and_the_list_agree_for_every_viewer():
    public = CampaignFactory()
    members_only = CampaignFactory(visibility=Visibility.MEMBERS)
    invite = CampaignFactory(visibility=Visibility.INVITE)
    draft_campaign = CampaignFactory(status=CampaignStatus.DRAFT)
    author, coauthor, invited, stranger = MemberFactory(), MemberFactory(), MemberFactory(), MemberFactory()
    InvitationFactory(campaign=invite, email=invited.email)
    ideas = []
    for campaign in (public, members_only, invite, draft_campaign):
        for status in (IdeaStatus.PUBLISHED, IdeaStatus.DRAFT, IdeaStatus.PENDING, IdeaStatus.ACCEPTED):
            ideas.append(IdeaFactory(campaign=campaign, author=author, status=status))
        hidden = IdeaFactory(campaign=campaign, author=author, hidden_at=timezone.now(), hidden_reason="spam")
        ideas.append(hidden)
    ideas[1].coauthors.add(coauthor)
    viewers = [
        AnonymousUser(),
        author,
        coauthor,
        invited,
        stranger,
        staff(Role.MODERATOR, campaign=invite),
        staff(Role.REVIEWER, campaign=public),
        staff(Role.ADMIN),
    ]
    for viewer in viewers:
        listed = set(ideas_visible_to(viewer).values_list("pk", flat=True))
        for idea in ideas:
            one = idea_reference(viewer, idea.pk)
            assert (one is not None) == (idea.pk in listed), (viewer, idea.campaign.visibility, idea.status)
    # The cases the matrix must contain to mean anything: some seen, some not.
    assert idea_reference(AnonymousUser(), ideas[0].pk) is not None
    assert idea_reference(AnonymousUser(), ideas[4].pk) is None  # hidden
    assert idea_reference(stranger, ideas[10].pk) is None  # invite-only campaign
    assert idea_reference(invited, ideas[10].pk) is not None
