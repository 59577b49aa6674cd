"""The admin site for campaigns: a fallback for staff; the product's own pages are the main way to run them."""

from django.contrib import admin

from .models import Campaign, CampaignInvitation, EvaluationCriterion, Phase, SupportStage


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


class SupportStageInline(admin.TabularInline):
    model = SupportStage
    extra = 0
    ordering = ["position"]


class EvaluationCriterionInline(admin.TabularInline):
    model = EvaluationCriterion
    extra = 0


class CampaignInvitationInline(admin.TabularInline):
    model = CampaignInvitation
    extra = 0
    fields = ["email", "invited_by", "created_at"]
    readonly_fields = ["invited_by", "created_at"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "method", "visibility", "moderation", "created_at"]
    list_filter = ["status", "method", "visibility", "moderation"]
    search_fields = ["title", "slug", "goal"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_by", "created_at", "updated_at"]
    inlines = [SupportStageInline, EvaluationCriterionInline, PhaseInline, CampaignInvitationInline]
