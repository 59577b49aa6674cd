"""Merging duplicate ideas and undoing a merge exactly (similarity.services, merging section)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cocreate.accounts.models import Role
from cocreate.core.errors import ApplicationError, PermissionDenied
from cocreate.core.events import subscribe
from cocreate.engagement.models import Comment, Follow, Support, SupportOrigin
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import Idea, trending_score
from cocreate.similarity.events import IdeasMerged, MergeUndone
from cocreate.similarity.models import IdeaMerge
from cocreate.similarity.services import idea_mark_duplicate, merge_ideas, merge_preview, merge_undo
from tests.factories import (
    CampaignFactory,
    CommentFactory,
    FollowFactory,
    IdeaFactory,
    MemberFactory,
    SupportFactory,
    SupportOriginFactory,
    staff,
)

pytestmark = pytest.mark.django_db


def _at(days_ago: int):
    return timezone.now() - timedelta(days=days_ago)


def _support(idea, member, days_ago: int, **kwargs):
    support = SupportFactory(idea=idea, member=member, **kwargs)
    Support.objects.filter(pk=support.pk).update(created_at=_at(days_ago))
    return support


def _recount(idea):
    count = Support.objects.filter(idea=idea, discounted_at__isnull=True).count()
    comments = Comment.objects.filter(idea=idea, deleted_at__isnull=True).count()
    Idea.objects.filter(pk=idea.pk).update(
        support_count=count, comment_count=comments, trending=trending_score(count, idea.published_at)
    )
    idea.refresh_from_db()


@pytest.fixture
def pair():
    """Two duplicates in one campaign with overlapping supporters and followers, threads and co-authors."""
    campaign = CampaignFactory(stages=[(100, 60)])
    moderator = staff(Role.MODERATOR, campaign=campaign)
    target = IdeaFactory(campaign=campaign, title="Reusable cups with a deposit")
    source = IdeaFactory(campaign=campaign, title="Deposit scheme for coffee cups")
    co = MemberFactory()
    source.coauthors.add(co)
    both, only_source, only_target, discounted = MemberFactory(), MemberFactory(), MemberFactory(), MemberFactory()
    _support(target, both, 10)
    _support(target, only_target, 9)
    _support(source, both, 8)
    _support(source, only_source, 7)
    _support(source, discounted, 6, discounted_at=_at(5), discounted_reason="burst")
    _support(source, target.author, 5)  # the target's author supported the duplicate: dropped, not self-support
    FollowFactory(idea=source, member=source.author)
    FollowFactory(idea=source, member=both)
    FollowFactory(idea=target, member=both)
    parent = CommentFactory(idea=source, body="Who washes the cups?")
    CommentFactory(idea=source, parent=parent, body="The café does.")
    deleted = CommentFactory(idea=source, body="gone")
    Comment.objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())
    CommentFactory(idea=target, body="Great idea")
    _recount(source)
    _recount(target)
    return {"campaign": campaign, "moderator": moderator, "source": source, "target": target, "co": co, "both": both}


def snapshot(*ideas):
    """Everything a merge touches, for exact comparisons (support ids may differ after undo; their content not)."""
    out = []
    for idea in ideas:
        idea = Idea.objects.get(pk=idea.pk)
        out.append(
            {
                "status": idea.status,
                "merged_into": idea.merged_into_id,
                "support_count": idea.support_count,
                "comment_count": idea.comment_count,
                "trending": idea.trending,
                "stage_index": idea.stage_index,
                "stage_started_at": idea.stage_started_at,
                "supports": sorted(
                    Support.objects.filter(idea=idea).values_list(
                        "member_id", "created_at", "discounted_at", "discounted_reason"
                    )
                ),
                "origins": sorted(
                    SupportOrigin.objects.filter(support__idea=idea).values_list(
                        "support__member_id", "ip_hash", "user_agent_hash", "created_at"
                    )
                ),
                "follows": sorted(Follow.objects.filter(idea=idea).values_list("member_id", "created_at")),
                "comments": sorted(Comment.objects.filter(idea=idea).values_list("pk", "parent_id", "deleted_at")),
                "coauthors": sorted(idea.coauthors.values_list("pk", flat=True)),
            }
        )
    return out


def test_merge_moves_supports_once_and_keeps_counts_exact(pair):
    source, target, both = pair["source"], pair["target"], pair["both"]
    assert (source.support_count, target.support_count) == (3, 2)

    merge = merge_ideas(actor=pair["moderator"], source=source, target=target, reason="Same idea")

    source.refresh_from_db()
    target.refresh_from_db()
    assert source.status == IdeaStatus.MERGED and source.merged_into_id == target.pk
    assert source.support_count == 0 and not Support.objects.filter(idea=source).exists()
    # both + only_target + only_source moved + discounted moved (kept, not counted); target author's dropped
    assert Support.objects.filter(idea=target, member=both).count() == 1
    assert Support.objects.filter(idea=target).count() == 4
    assert target.support_count == Support.objects.filter(idea=target, discounted_at__isnull=True).count() == 3
    assert not Support.objects.filter(idea=target, member=target.author).exists()
    assert target.trending == trending_score(3, target.published_at)
    assert len(merge.moved["dropped_supports"]) == 2
    assert merge.previous_status == IdeaStatus.PUBLISHED and merge.reason == "Same idea"


def test_merge_moves_followers_comments_and_coauthors(pair):
    source, target, co, both = pair["source"], pair["target"], pair["co"], pair["both"]
    merge_ideas(actor=pair["moderator"], source=source, target=target)

    target.refresh_from_db()
    assert set(Follow.objects.filter(idea=target).values_list("member_id", flat=True)) == {both.pk, source.author_id}
    assert not Follow.objects.filter(idea=source).exists()
    assert Comment.objects.filter(idea=target).count() == 4
    assert Comment.objects.get(body="The café does.").parent.idea_id == target.pk
    assert target.comment_count == 3  # the deleted comment moved but is not counted
    assert set(target.coauthors.values_list("pk", flat=True)) == {co.pk, source.author_id}


def test_merge_does_not_make_the_target_author_their_own_coauthor(pair):
    source, target = pair["source"], pair["target"]
    source.coauthors.add(target.author)
    merge_ideas(actor=pair["moderator"], source=source, target=target)
    assert not target.coauthors.filter(pk=target.author_id).exists()


def test_merge_publishes_events(pair, on_commit):
    seen = []
    subscribe(IdeasMerged)(seen.append)
    with on_commit(execute=True):
        merge = merge_ideas(actor=pair["moderator"], source=pair["source"], target=pair["target"])
    assert (
        IdeasMerged(
            merge_id=merge.pk,
            source_id=pair["source"].pk,
            target_id=pair["target"].pk,
            actor_id=pair["moderator"].pk,
            change_id=pair["source"].status_changes.get(to_status="merged").pk,
        )
        in seen
    )


def test_merge_reevaluates_the_targets_ladder():
    campaign = CampaignFactory(stages=[(2, 60), (100, 60)])
    moderator = staff(Role.FACILITATOR, campaign=campaign)
    target, source = IdeaFactory(campaign=campaign), IdeaFactory(campaign=campaign)
    _support(target, MemberFactory(), 1)
    _support(source, MemberFactory(), 1)
    _recount(target)
    _recount(source)

    merge = merge_ideas(actor=moderator, source=source, target=target)

    target.refresh_from_db()
    assert target.support_count == 2 and target.stage_index == 1
    merge_undo(actor=moderator, merge=merge)
    target.refresh_from_db()
    assert target.support_count == 1 and target.stage_index == 0


def test_undo_restores_everything_exactly(pair, on_commit):
    source, target = pair["source"], pair["target"]
    Idea.objects.filter(pk=source.pk).update(status=IdeaStatus.UNDER_REVIEW)
    source.refresh_from_db()
    before = snapshot(source, target)

    merge = merge_ideas(actor=pair["moderator"], source=source, target=target)
    assert snapshot(source, target) != before
    seen = []
    subscribe(MergeUndone)(seen.append)
    with on_commit(execute=True):
        merge_undo(actor=pair["moderator"], merge=merge)

    assert snapshot(source, target) == before
    merge.refresh_from_db()
    assert merge.undone_at is not None and merge.undone_by == pair["moderator"]
    assert [e.merge_id for e in seen] == [merge.pk]
    assert Idea.objects.get(pk=source.pk).status == IdeaStatus.UNDER_REVIEW


def test_undo_gives_dropped_supports_back_their_origin(pair):
    source, target, both = pair["source"], pair["target"], pair["both"]
    on_source = {s.member_id: s for s in Support.objects.filter(idea=source)}
    # Origins on both kinds of source support (dropped: `both` and the target's author; moved: the others), and
    # one on the target; one dropped support has none (recorded before origins existed).
    SupportOriginFactory(support=on_source[both.pk], ip_hash="ip-both", user_agent_hash="ua-1", created_at=_at(8))
    moved = [m for m in on_source if m not in (both.pk, target.author_id)]
    SupportOriginFactory(support=on_source[moved[0]], ip_hash="ip-moved", user_agent_hash="ua-2", created_at=_at(7))
    SupportOriginFactory(support=Support.objects.filter(idea=target).first(), ip_hash="ip-target")
    before = snapshot(source, target)
    assert SupportOrigin.objects.count() == 3

    merge = merge_ideas(actor=pair["moderator"], source=source, target=target)
    # The dropped support's origin went with it; the moved one's moved with its support.
    assert SupportOrigin.objects.count() == 2
    assert SupportOrigin.objects.filter(support__idea=target).count() == 2
    dropped = {row["member_id"]: row for row in merge.moved["dropped_supports"]}
    assert dropped[both.pk]["origin"]["ip_hash"] == "ip-both" and "origin" not in dropped[target.author_id]

    merge_undo(actor=pair["moderator"], merge=merge)

    assert SupportOrigin.objects.count() == 3
    assert snapshot(source, target) == before  # origins included: same hashes, same dates, same supporters
    restored = SupportOrigin.objects.get(support__idea=source, support__member=both)
    assert (restored.ip_hash, restored.user_agent_hash) == ("ip-both", "ua-1")


def test_undo_twice_is_refused(pair):
    merge = merge_ideas(actor=pair["moderator"], source=pair["source"], target=pair["target"])
    merge_undo(actor=pair["moderator"], merge=merge)
    after = snapshot(pair["source"], pair["target"])
    with pytest.raises(ApplicationError) as exc:
        merge_undo(actor=pair["moderator"], merge=merge)
    assert exc.value.code == "merge_already_undone"
    assert snapshot(pair["source"], pair["target"]) == after


def test_undo_keeps_what_happened_on_the_target_since(pair):
    source, target = pair["source"], pair["target"]
    merge = merge_ideas(actor=pair["moderator"], source=source, target=target)
    newcomer = MemberFactory()
    _support(target, newcomer, 0)
    reply = CommentFactory(idea=target, parent=Comment.objects.get(body="Who washes the cups?"), body="Me!")

    merge_undo(actor=pair["moderator"], merge=merge)

    target.refresh_from_db()
    assert Support.objects.filter(idea=target, member=newcomer).exists()
    reply.refresh_from_db()
    assert reply.idea_id == target.pk and reply.parent_id is None
    assert target.support_count == Support.objects.filter(idea=target, discounted_at__isnull=True).count()


def test_the_merge_can_be_redone_after_an_undo(pair):
    merge = merge_ideas(actor=pair["moderator"], source=pair["source"], target=pair["target"])
    merge_undo(actor=pair["moderator"], merge=merge)
    again = merge_ideas(actor=pair["moderator"], source=pair["source"], target=pair["target"])
    assert again.pk != merge.pk and IdeaMerge.objects.filter(undone_at__isnull=True).get() == again


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("itself", "merge_into_itself"),
        ("other_campaign", "merge_across_campaigns"),
        ("merged_target", "merge_chain"),
        ("withdrawn_target", "merge_target_closed"),
        ("draft_target", "merge_target_closed"),
        ("accepted_source", "merge_source_closed"),
    ],
)
def test_refusals_change_nothing(pair, case, code):
    source, target, moderator = pair["source"], pair["target"], pair["moderator"]
    if case == "itself":
        target = source
    elif case == "other_campaign":
        target = IdeaFactory()
    elif case == "merged_target":
        elsewhere = IdeaFactory(campaign=pair["campaign"])
        merge_ideas(actor=moderator, source=target, target=elsewhere)
        target.refresh_from_db()
    elif case == "withdrawn_target":
        Idea.objects.filter(pk=target.pk).update(status=IdeaStatus.WITHDRAWN)
        target.refresh_from_db()
    elif case == "draft_target":
        Idea.objects.filter(pk=target.pk).update(status=IdeaStatus.DRAFT)
        target.refresh_from_db()
    elif case == "accepted_source":
        Idea.objects.filter(pk=source.pk).update(status=IdeaStatus.ACCEPTED)
        source.refresh_from_db()
    merges = IdeaMerge.objects.count()
    before = snapshot(source, target)

    with pytest.raises(ApplicationError) as exc:
        merge_ideas(actor=moderator, source=source, target=target)

    assert exc.value.code == code
    assert snapshot(source, target) == before
    assert IdeaMerge.objects.count() == merges


@pytest.mark.parametrize(
    ("role", "scoped", "allowed"),
    [
        (Role.MODERATOR, True, True),
        (Role.FACILITATOR, True, True),
        (Role.ADMIN, False, True),
        (Role.REVIEWER, True, False),
        (Role.MODERATOR, "other", False),
        (None, None, False),
    ],
)
def test_permissions_per_role(pair, role, scoped, allowed):
    source, target = pair["source"], pair["target"]
    if role is None:
        actor = MemberFactory()
    else:
        campaign = pair["campaign"] if scoped is True else (CampaignFactory() if scoped == "other" else None)
        actor = staff(role, campaign=campaign)
    before = snapshot(source, target)
    if allowed:
        merge = merge_ideas(actor=actor, source=source, target=target)
        merge_undo(actor=actor, merge=merge)
        assert snapshot(source, target) == before
        return
    with pytest.raises(PermissionDenied):
        merge_ideas(actor=actor, source=source, target=target)
    assert snapshot(source, target) == before
    merge = merge_ideas(actor=pair["moderator"], source=source, target=target)
    after = snapshot(source, target)
    with pytest.raises(PermissionDenied):
        merge_undo(actor=actor, merge=merge)
    assert snapshot(source, target) == after


def test_the_source_author_cannot_merge_through_merge_ideas(pair):
    with pytest.raises(PermissionDenied):
        merge_ideas(actor=pair["source"].author, source=pair["source"], target=pair["target"])


def test_an_only_author_marks_their_idea_as_a_duplicate():
    campaign = CampaignFactory()
    source, target = IdeaFactory(campaign=campaign), IdeaFactory(campaign=campaign)
    merge = idea_mark_duplicate(actor=source.author, idea=source, target=target, note="")
    source.refresh_from_db()
    assert source.status == IdeaStatus.MERGED and merge.actor == source.author
    assert merge.reason == "The author marked it as a duplicate."
    assert target.coauthors.filter(pk=source.author_id).exists()


def test_marking_as_duplicate_is_refused_with_coauthors_or_by_others(pair):
    source, target = pair["source"], pair["target"]
    before = snapshot(source, target)
    with pytest.raises(ApplicationError) as exc:
        idea_mark_duplicate(actor=source.author, idea=source, target=target, note="")
    assert exc.value.code == "needs_moderator"
    with pytest.raises(ApplicationError) as exc:
        idea_mark_duplicate(actor=pair["co"], idea=source, target=target, note="")
    assert exc.value.code == "permission_denied"
    assert snapshot(source, target) == before


def test_preview_counts_what_would_move(pair):
    counts = merge_preview(source=pair["source"], target=pair["target"])
    assert counts == {"supports": 4, "duplicate_supports": 2, "followers": 1, "comments": 3, "coauthors": 2}


# ---- pages ----------------------------------------------------------------------------------------------


def test_the_merge_page_previews_and_merges(pair, client):
    client.force_login(pair["moderator"])
    source, target = pair["source"], pair["target"]
    page = client.get(f"/ideas/{source.pk}/merge/?q=cups")
    assert page.status_code == 200 and target.title in page.text
    preview = client.get(f"/ideas/{source.pk}/merge/?target={target.pk}")
    assert "What will move" in preview.text and "of which 2 from members" in preview.text

    response = client.post(f"/ideas/{source.pk}/merge/", {"target": target.pk, "reason": "Same cups"})

    assert response.status_code == 302 and response.url == f"/ideas/{target.pk}/"
    assert Idea.objects.get(pk=source.pk).merged_into_id == target.pk


def test_the_old_url_redirects_with_a_notice_and_the_target_offers_undo(pair, client):
    merge = merge_ideas(actor=pair["moderator"], source=pair["source"], target=pair["target"])
    client.force_login(pair["moderator"])
    response = client.get(f"/ideas/{pair['source'].pk}/", follow=True)
    assert response.redirect_chain == [(f"/ideas/{pair['target'].pk}/", 302)]
    assert "was merged into this idea" in response.text
    assert f"/merges/{merge.pk}/undo/" in response.text

    undone = client.post(f"/merges/{merge.pk}/undo/")
    assert undone.status_code == 302 and undone.url == f"/ideas/{pair['source'].pk}/"
    assert Idea.objects.get(pk=pair["source"].pk).status == IdeaStatus.PUBLISHED


def test_members_see_no_merge_tools_and_cannot_merge_or_undo(pair, client):
    member = MemberFactory()
    merge = merge_ideas(actor=pair["moderator"], source=pair["source"], target=pair["target"])
    client.force_login(member)
    page = client.get(f"/ideas/{pair['target'].pk}/")
    assert "/undo/" not in page.text and "/merge/" not in page.text
    before = snapshot(pair["source"], pair["target"])
    assert client.post(f"/merges/{merge.pk}/undo/").status_code == 403
    other = IdeaFactory(campaign=pair["campaign"])
    assert client.post(f"/ideas/{other.pk}/merge/", {"target": pair["target"].pk}).status_code == 403
    assert client.get("/merges/").status_code == 403
    assert snapshot(pair["source"], pair["target"]) == before


def test_a_refused_merge_keeps_the_form_and_explains(pair, client):
    client.force_login(pair["moderator"])
    elsewhere = IdeaFactory(campaign=pair["campaign"], status=IdeaStatus.WITHDRAWN)
    page = client.get(f"/ideas/{pair['source'].pk}/merge/?target={elsewhere.pk}")
    assert "Ideas can only be merged into a published idea" in page.text
    response = client.post(f"/ideas/{pair['source'].pk}/merge/", {"target": elsewhere.pk, "reason": "keep me"})
    assert response.status_code == 400 and "keep me" in response.text
    assert Idea.objects.get(pk=pair["source"].pk).status == IdeaStatus.PUBLISHED


def test_an_only_author_marks_a_duplicate_from_the_page(client):
    campaign = CampaignFactory()
    source, target = IdeaFactory(campaign=campaign), IdeaFactory(campaign=campaign)
    client.force_login(source.author)
    assert "Mark this idea as a duplicate" in client.get(f"/ideas/{source.pk}/").text
    response = client.post(f"/ideas/{source.pk}/merge/", {"target": target.pk})
    assert response.status_code == 302
    assert Idea.objects.get(pk=source.pk).status == IdeaStatus.MERGED


def test_the_merge_log_lists_merges_with_undo(pair, client, django_assert_max_num_queries):
    merge_ideas(actor=pair["moderator"], source=pair["source"], target=pair["target"])
    client.force_login(pair["moderator"])
    with django_assert_max_num_queries(12):
        page = client.get("/merges/")
    assert page.status_code == 200 and pair["source"].title in page.text and "Undo" in page.text
