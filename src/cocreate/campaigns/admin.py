"""Campaigns in the admin site, read-only: they are created and run on the product's own pages, through the
campaigns services (the method registry, phases, ladder and invitations keep their invariants there)."""

from django.contrib import admin

from cocreate.core.admin_base import ReadOnlyAdmin, ReadOnlyTabularInline

from .models import Campaign, CampaignInvitation, EvaluationCriterion, Phase, SupportStage


class PhaseInline(ReadOnlyTabularInline):
    model = Phase
    extra = 0


class SupportStageInline(ReadOnlyTabularInline):
    model = SupportStage
    extra = 0
    ordering = ["position"]


class EvaluationCriterionInline(ReadOnlyTabularInline):
    model = EvaluationCriterion
    extra = 0


class CampaignInvitationInline(ReadOnlyTabularInline):
    model = CampaignInvitation
    extra = 0
    fields = ["email", "invited_by", "created_at"]
    readonly_fields = ["invited_by", "created_at"]


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = ["title", "status", "method", "visibility", "moderation", "created_at"]
    list_filter = ["status", "method", "visibility", "moderation"]
    search_fields = ["title", "slug", "goal"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    inlines = [SupportStageInline, EvaluationCriterionInline, PhaseInline, CampaignInvitationInline]
