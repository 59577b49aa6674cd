"""Full-text search through the one interface, on whichever database the suite runs on (SQLite FTS5 locally,
PostgreSQL in CI's second run): ranking, highlighting, filters, visibility, comments, freshness."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from cocreate.accounts.models import Role
from cocreate.campaigns.models import CampaignStatus, Visibility
from cocreate.engagement.models import Comment
from cocreate.engagement.services import comment_add, comment_delete
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import Idea
from cocreate.ideas.services import idea_edit
from cocreate.search import index
from cocreate.search.backends import SearchFilters, search
from tests.factories import CampaignFactory, CommentFactory, IdeaFactory, MemberFactory, staff

pytestmark = pytest.mark.django_db

BODY = "A clear description of something that helps everyone in town."


def find(query, viewer=None, **filters):
    from django.contrib.auth.models import AnonymousUser

    return search(query, viewer=viewer or AnonymousUser(), filters=SearchFilters(**filters))


def keys(results):
    return [(h.kind, h.pk) for h in results.hits]


@pytest.fixture
def town():
    campaign = CampaignFactory(title="Greener town", goal="Plant more trees in every street.")
    title_match = IdeaFactory(campaign=campaign, title="Bicycle parking at the station", body=BODY)
    body_match = IdeaFactory(
        campaign=campaign, title="Better station square", body="We need covered bicycle racks near the trains."
    )
    unrelated = IdeaFactory(campaign=campaign, title="Library opening hours", body=BODY)
    comment = CommentFactory(idea=unrelated, body="Could the library lend bicycle pumps?")
    index.rebuild()
    return {"campaign": campaign, "title": title_match, "body": body_match, "unrelated": unrelated, "comment": comment}


def test_the_backend_follows_the_database(town):
    assert find("bicycle").backend == ("postgresql" if connection.vendor == "postgresql" else "sqlite-fts5")


def test_a_title_match_ranks_above_a_body_only_match(town):
    results = find("bicycle")
    ranked = keys(results)
    assert ranked.index(("idea", town["title"].pk)) < ranked.index(("idea", town["body"].pk))
    assert ("idea", town["unrelated"].pk) not in ranked
    assert results.count == 3


def test_every_word_must_match_and_words_are_stemmed(town):
    assert keys(find("bicycle racks")) == [("idea", town["body"].pk)]
    assert ("idea", town["body"].pk) in keys(find("rack"))  # "racks" stems to "rack"
    assert find("").count == 0 and find("   ").count == 0


def test_matched_words_are_highlighted_and_text_is_escaped():
    campaign = CampaignFactory()
    idea = IdeaFactory(
        campaign=campaign, title="<script>alert(1)</script> tulip fields", body="Tulip <b>beds</b> for all."
    )
    index.rebuild()
    hit = find("tulip").hits[0]
    assert hit.pk == idea.pk
    assert "<mark>tulip</mark>" in hit.title
    assert "&lt;script&gt;" in hit.title and "<script>" not in hit.title
    # Both backends keep what was typed, tag-like text included, escaped: never raw HTML, never dropped.
    assert "<mark>Tulip</mark> &lt;b&gt;beds&lt;/b&gt; for all" in hit.snippet and "<b>" not in hit.snippet


def test_excerpts_keep_the_text_around_the_highlight_on_both_databases():
    IdeaFactory(
        title="Rain & <shelter> at stops",
        body="Shelters at every stop <https://example.org/rain> & benches, 5 < 6 and &lt; stays literal.",
    )
    index.rebuild()
    hit = find("shelters").hits[0]
    assert "Rain &amp; &lt;<mark>shelter</mark>&gt; at stops" in hit.title
    assert "<mark>Shelters</mark> at every stop &lt;https://example.org/rain&gt; &amp; benches" in hit.snippet
    assert "5 &lt; 6 and &amp;lt; stays literal" in hit.snippet


def test_query_syntax_is_never_interpreted():
    IdeaFactory(title="Quotes and stars everywhere", body=BODY)
    index.rebuild()
    for nasty in ['"', "quotes OR", "NEAR(quotes", "stars*", "-quotes", "quotes:", "(", "AND"]:
        find(nasty)  # no error
    assert find('"quotes" stars*').count == 1


def test_comments_are_found_and_link_to_their_idea(town):
    hits = [h for h in find("pumps").hits]
    assert [(h.kind, h.pk) for h in hits] == [("comment", town["comment"].pk)]
    assert hits[0].url == f"/ideas/{town['unrelated'].pk}/#comment-{town['comment'].pk}"
    assert hits[0].idea == town["unrelated"]
    assert "<mark>pumps</mark>" in hits[0].snippet


def test_campaigns_are_found(town):
    assert ("campaign", town["campaign"].pk) in keys(find("trees"))


def test_filters(town):
    other = CampaignFactory(title="Elsewhere")
    elsewhere = IdeaFactory(campaign=other, title="Bicycle lanes", body=BODY, tags=["cycling"])
    accepted = IdeaFactory(campaign=other, title="Bicycle bells", body=BODY, status=IdeaStatus.ACCEPTED)
    old = IdeaFactory(campaign=other, title="Bicycle museum", body=BODY)
    Idea.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))
    index.rebuild()

    assert {pk for kind, pk in keys(find("bicycle", campaign_id=other.pk))} == {elsewhere.pk, accepted.pk, old.pk}
    assert keys(find("bicycle", status=IdeaStatus.ACCEPTED)) == [("idea", accepted.pk)]
    assert keys(find("bicycle", tag="cycling")) == [("idea", elsewhere.pk)]
    recent = keys(find("bicycle", campaign_id=other.pk, date_from=(timezone.now() - timedelta(days=30)).date()))
    assert ("idea", old.pk) not in recent and ("idea", elsewhere.pk) in recent
    assert keys(find("bicycle", campaign_id=other.pk, date_to=(timezone.now() - timedelta(days=300)).date())) == [
        ("idea", old.pk)
    ]
    assert {k for k, _ in keys(find("bicycle", kinds=("comment",)))} == {"comment"}


def test_theme_filter(town):
    from cocreate.similarity.services import themes_refresh

    campaign = town["campaign"]
    for i in range(5):
        IdeaFactory(campaign=campaign, title=f"Bicycle lanes {i}", body="Painted bicycle lanes on every main road.")
        IdeaFactory(campaign=campaign, title=f"Tree planting {i}", body="Plant street trees and bicycle-free parks.")
    themes = themes_refresh(actor=None, campaign=campaign)
    lanes = next(t for t in themes if "lane" in t.label.lower())
    members = set(lanes.memberships.values_list("idea_id", flat=True))
    index.rebuild()

    found = find("bicycle", theme_id=lanes.pk)
    assert found.count > 0 and {pk for _kind, pk in keys(found)} <= members
    assert {kind for kind, _pk in keys(found)} == {"idea"}  # a theme describes ideas: no campaigns, no comments
    assert ("idea", town["title"].pk) in keys(find("bicycle"))
    assert town["title"].pk not in members or ("idea", town["title"].pk) in keys(found)
    assert find("bicycle", theme_id=999999).count == 0


def test_visibility():
    member, author = MemberFactory(), MemberFactory()
    private = CampaignFactory(visibility=Visibility.MEMBERS)
    unpublished = CampaignFactory(status=CampaignStatus.DRAFT, title="Secret orchard plan")
    members_only = IdeaFactory(campaign=private, title="Orchard for members", body=BODY)
    draft = IdeaFactory(title="Orchard draft", body=BODY, author=author, status=IdeaStatus.DRAFT, published_at=None)
    hidden = IdeaFactory(title="Orchard hidden", body=BODY)
    Idea.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now())
    public = IdeaFactory(title="Orchard in the park", body=BODY)
    merged = IdeaFactory(campaign=public.campaign, title="Orchard duplicate", body=BODY, status=IdeaStatus.MERGED)
    hidden_comment = CommentFactory(idea=public, body="orchard spam")
    Comment.objects.filter(pk=hidden_comment.pk).update(hidden_at=timezone.now())
    deleted_comment = CommentFactory(idea=public, body="orchard deleted")
    Comment.objects.filter(pk=deleted_comment.pk).update(deleted_at=timezone.now())
    on_private = CommentFactory(idea=members_only, body="orchard members talk")
    index.rebuild()

    anonymous = set(keys(find("orchard")))
    assert anonymous == {("idea", public.pk)}
    assert set(keys(find("orchard", viewer=member))) == {
        ("idea", public.pk),
        ("idea", members_only.pk),
        ("comment", on_private.pk),
    }
    assert ("idea", draft.pk) in keys(find("orchard", viewer=author))
    assert ("idea", merged.pk) in keys(find("orchard", status=IdeaStatus.MERGED))
    moderator = staff(Role.MODERATOR, campaign=unpublished)
    assert ("campaign", unpublished.pk) in keys(find("secret", viewer=moderator))
    assert find("secret").count == 0


def test_pagination():
    campaign = CampaignFactory()
    for n in range(25):
        IdeaFactory(campaign=campaign, title=f"Meadow idea {n}", body=BODY)
    index.rebuild()
    first, second = search("meadow", viewer=MemberFactory(), page=1), search("meadow", viewer=MemberFactory(), page=2)
    assert first.count == 25 and first.num_pages == 2 and first.has_next and not first.has_previous
    assert len(first.hits) == 20 and len(second.hits) == 5
    assert not {h.pk for h in first.hits} & {h.pk for h in second.hits}
    assert search("meadow", viewer=MemberFactory(), page=99).page == 2


def test_the_index_stays_fresh_after_a_revision_and_a_deletion(on_commit):
    idea = IdeaFactory(title="Community composting", body=BODY)
    index.rebuild()
    with on_commit(execute=True):
        idea_edit(actor=idea.author, idea=idea, title="Community wormery", body=BODY + " With worms.")
    assert find("composting").count == 0
    assert keys(find("wormery")) == [("idea", idea.pk)]

    commenter = MemberFactory()
    with on_commit(execute=True):
        comment = comment_add(actor=commenter, idea=idea, body="Wormeries smell of nothing at all")
    assert ("comment", comment.pk) in keys(find("smell"))
    with on_commit(execute=True):
        comment_delete(actor=commenter, comment=comment)
    assert find("smell").count == 0


def test_rebuild_command(capsys):
    IdeaFactory(title="Seed library", body=BODY)
    call_command("rebuild_search_index")
    out = capsys.readouterr().out
    assert find("seed").count == 1
    assert ("rebuilt" in out) if connection.vendor == "sqlite" else ("PostgreSQL" in out)


def test_postgres_excerpts_say_where_they_cut_the_text():
    from cocreate.search.backends import START, STOP, _excerpt

    text = "One two three. The tulip beds by the river would be lovely. Four five six."
    assert _excerpt(f"The {START}tulip{STOP} beds by the river", text) == f"…The {START}tulip{STOP} beds by the river…"
    assert _excerpt(f"One two three. The {START}tulip{STOP}", text).startswith("One")
    assert _excerpt(f"{START}Tulip{STOP} \ue000b\ue001beds", "Tulip <b>beds") == f"{START}Tulip{STOP} <b>beds"
    assert _excerpt(None, text) == ""
