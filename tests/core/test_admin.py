"""The admin site never bypasses a service: domain models are read-only there, or their edits call the services."""

import pytest
from django.contrib import admin
from django.urls import reverse

from cocreate.accounts.models import Role, RoleAssignment
from cocreate.core.admin_base import ReadOnlyAdmin, ReadOnlyTabularInline, ServiceAdmin
from cocreate.engagement.models import Comment, Support
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import IdeaRevision
from cocreate.legal.models import ContributorAgreement
from cocreate.opinionmap.models import Moderation
from cocreate.search import index
from cocreate.search.backends import SearchFilters, search
from tests.factories import (
    AcceptanceFactory,
    AgreementFactory,
    CommentFactory,
    IdeaFactory,
    MemberFactory,
    StatementFactory,
    SupportFactory,
)

# Django's own account plumbing (password, active/staff/superuser flags, groups); the profile fields are read-only.
NOT_A_DOMAIN_ADMIN = {"accounts.user"}


def product_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model.__module__.startswith("cocreate.") and model._meta.label_lower not in NOT_A_DOMAIN_ADMIN
    ]


def test_every_product_model_is_read_only_or_edited_through_services():
    # when
    loose = [
        model._meta.label
        for model, model_admin in product_admins()
        if not isinstance(model_admin, ReadOnlyAdmin | ServiceAdmin)
    ]

    # then
    assert product_admins() and not loose, f"admin bypasses the services for: {loose}"


def test_every_inline_is_read_only():
    # when
    loose = [
        f"{model._meta.label}: {inline.__name__}"
        for model, model_admin in admin.site._registry.items()
        if model.__module__.startswith("cocreate.")
        for inline in model_admin.inlines
        if not issubclass(inline, ReadOnlyTabularInline)
    ]

    # then
    assert not loose


@pytest.fixture
def admin_with_terms(admin_user):
    AcceptanceFactory(user=admin_user, agreement=AgreementFactory())
    return admin_user


# ---- ideas: edits through idea_edit ------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_admin_edit_of_an_idea_makes_a_revision_publishes_and_keeps_search_fresh(
    admin_client, admin_with_terms, on_commit
):
    # given
    idea = IdeaFactory(title="Community composting", body="Turn kitchen waste into soil for the town gardens.")
    index.rebuild()
    revisions = IdeaRevision.objects.filter(idea=idea).count()
    url = reverse("admin:ideas_idea_change", args=[idea.pk])

    # when
    with on_commit(execute=True):
        response = admin_client.post(
            url,
            {
                "title": "Community wormery",
                "body": "Turn kitchen waste into soil for the town gardens, with worms.",
                "tags": "soil, gardens",
                "note": "Fixed by an admin",
                **_empty_inlines(),
            },
        )

    # then
    assert response.status_code == 302, response.content.decode()[:2000]
    idea.refresh_from_db()
    assert idea.title == "Community wormery"
    assert sorted(idea.tags.values_list("name", flat=True)) == ["gardens", "soil"]
    revision = IdeaRevision.objects.filter(idea=idea).latest("number")
    assert IdeaRevision.objects.filter(idea=idea).count() == revisions + 1
    assert (revision.editor, revision.note, revision.title) == (admin_with_terms, "Fixed by an admin", idea.title)
    found = search("wormery", viewer=admin_with_terms, filters=SearchFilters())
    assert [(hit.kind, hit.pk) for hit in found.hits] == [("idea", idea.pk)]


@pytest.mark.django_db
def test_an_admin_edit_refused_by_the_service_changes_nothing(admin_client):
    # given: the admin has not accepted the contributor agreement, which every idea edit requires
    AgreementFactory()
    idea = IdeaFactory(title="Community composting")
    url = reverse("admin:ideas_idea_change", args=[idea.pk])

    # when
    response = admin_client.post(url, {"title": "Changed", "body": idea.body, **_empty_inlines()}, follow=True)

    # then
    assert "contributor agreement" in response.content.decode()
    idea.refresh_from_db()
    assert idea.title == "Community composting"


@pytest.mark.django_db
def test_ideas_are_neither_added_nor_deleted_in_the_admin(admin_client):
    # given
    idea = IdeaFactory()

    # when / then
    assert admin_client.get(reverse("admin:ideas_idea_add")).status_code == 403
    assert admin_client.post(reverse("admin:ideas_idea_delete", args=[idea.pk]), {"post": "yes"}).status_code == 403
    idea.refresh_from_db()


def _empty_inlines() -> dict[str, str]:
    data = {}
    for prefix in ("images", "revisions", "status_changes"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


# ---- read-only models ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_read_only_models_refuse_changes_and_deletions(admin_client):
    # given
    support = SupportFactory()
    comment = CommentFactory(body="Original words")

    # when
    change = admin_client.post(reverse("admin:engagement_comment_change", args=[comment.pk]), {"body": "Rewritten"})
    delete = admin_client.post(reverse("admin:engagement_support_delete", args=[support.pk]), {"post": "yes"})
    add = admin_client.get(reverse("admin:engagement_support_add"))

    # then
    assert (change.status_code, delete.status_code, add.status_code) == (403, 403, 403)
    assert Comment.objects.get(pk=comment.pk).body == "Original words"
    assert Support.objects.filter(pk=support.pk).exists()
    # still readable
    assert admin_client.get(reverse("admin:engagement_comment_change", args=[comment.pk])).status_code == 200


# ---- roles, agreements, moderation: admin actions call the services ----------------------------------------


@pytest.mark.django_db
def test_roles_are_given_and_removed_through_the_accounts_services(admin_client, admin_user):
    # given
    RoleAssignment.objects.filter(user=admin_user).delete()
    member = MemberFactory()

    # when
    response = admin_client.post(reverse("admin:accounts_roleassignment_add"), {"user": member.pk, "role": "admin"})

    # then
    assert response.status_code == 302
    only_admin = RoleAssignment.objects.get(user=member, role=Role.ADMIN, campaign=None)

    # when: removing the last site-wide admin is refused by the service
    response = admin_client.post(
        reverse("admin:accounts_roleassignment_delete", args=[only_admin.pk]), {"post": "yes"}, follow=True
    )

    # then
    assert "at least one admin" in response.content.decode()
    assert RoleAssignment.objects.filter(pk=only_admin.pk).exists()


@pytest.mark.django_db
def test_adding_an_agreement_publishes_the_next_version_through_the_service(admin_client, on_commit):
    # given
    AgreementFactory(version=1)

    # when
    with on_commit(execute=True):
        response = admin_client.post(
            reverse("admin:legal_contributoragreement_add"),
            {"title": "Terms", "body": "You keep your rights.", "summary_of_changes": "Shorter."},
        )

    # then
    assert response.status_code == 302
    latest = ContributorAgreement.objects.order_by("-version").first()
    assert (latest.version, latest.body, latest.published_at is not None) == (2, "You keep your rights.", True)
    assert admin_client.post(
        reverse("admin:legal_contributoragreement_change", args=[latest.pk]), {"body": "Changed"}
    ).status_code in (403, 302)
    latest.refresh_from_db()
    assert latest.body == "You keep your rights."


@pytest.mark.django_db
def test_the_statement_action_moderates_through_the_service(admin_client):
    # given
    statement = StatementFactory(moderation=Moderation.UNMODERATED)

    # when
    response = admin_client.post(
        reverse("admin:opinionmap_statement_changelist"),
        {"action": "hide_statements", "_selected_action": [statement.pk], "index": "0"},
    )

    # then
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.moderation == Moderation.HIDDEN


@pytest.mark.django_db
def test_an_idea_that_is_not_public_is_edited_without_a_revision(admin_client, admin_with_terms):
    # given: a draft keeps no history
    idea = IdeaFactory(status=IdeaStatus.DRAFT, title="Draft title")
    revisions = IdeaRevision.objects.filter(idea=idea).count()

    # when
    response = admin_client.post(
        reverse("admin:ideas_idea_change", args=[idea.pk]),
        {"title": "Better draft title", "body": idea.body, **_empty_inlines()},
    )

    # then
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.title == "Better draft title"
    assert IdeaRevision.objects.filter(idea=idea).count() == revisions
