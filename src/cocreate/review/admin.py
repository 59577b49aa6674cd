from django.contrib import admin

from .models import (
    CriterionScore,
    Decision,
    ResponseRecord,
    ReviewAction,
    ReviewAssignment,
    ReviewItem,
    ReviewStage,
    Scorecard,
)


@admin.register(ReviewStage)
class ReviewStageAdmin(admin.ModelAdmin):
    list_display = ["name", "campaign", "position"]
    list_filter = ["campaign"]


@admin.register(ReviewItem)
class ReviewItemAdmin(admin.ModelAdmin):
    list_display = ["idea", "campaign", "stage", "reason", "entered_at", "closed_at"]
    list_filter = ["campaign", "reason"]
    raw_id_fields = ["idea"]


@admin.register(ReviewAssignment)
class ReviewAssignmentAdmin(admin.ModelAdmin):
    list_display = ["idea", "reviewer", "assigned_by", "assigned_at"]
    raw_id_fields = ["idea", "reviewer", "assigned_by"]


class CriterionScoreInline(admin.TabularInline):
    model = CriterionScore
    extra = 0


@admin.register(Scorecard)
class ScorecardAdmin(admin.ModelAdmin):
    list_display = ["idea", "reviewer", "weighted_total", "submitted_at"]
    raw_id_fields = ["idea", "reviewer"]
    inlines = [CriterionScoreInline]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["idea", "outcome", "actor", "created_at"]
    list_filter = ["outcome"]
    raw_id_fields = ["idea", "merged_into", "comment", "actor"]


@admin.register(ReviewAction)
class ReviewActionAdmin(admin.ModelAdmin):
    """The audit trail is read-only: it records what happened."""

    list_display = ["at", "actor", "action", "idea"]
    list_filter = ["action"]
    raw_id_fields = ["idea", "actor", "campaign"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ResponseRecord)
class ResponseRecordAdmin(admin.ModelAdmin):
    list_display = ["idea", "first_response_at", "kind"]
    list_filter = ["kind"]
    raw_id_fields = ["idea"]
