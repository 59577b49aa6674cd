from django.contrib import admin

from cocreate.core.admin_base import ReadOnlyAdmin, ReadOnlyTabularInline

from .models import (
    CriterionScore,
    Decision,
    ResponseRecord,
    ReviewAssignment,
    ReviewItem,
    ReviewStage,
    Scorecard,
)


@admin.register(ReviewStage)
class ReviewStageAdmin(ReadOnlyAdmin):
    list_display = ["name", "campaign", "position"]
    list_filter = ["campaign"]


@admin.register(ReviewItem)
class ReviewItemAdmin(ReadOnlyAdmin):
    list_display = ["idea", "campaign", "stage", "reason", "entered_at", "closed_at"]
    list_filter = ["campaign", "reason"]
    raw_id_fields = ["idea"]


@admin.register(ReviewAssignment)
class ReviewAssignmentAdmin(ReadOnlyAdmin):
    list_display = ["idea", "reviewer", "assigned_by", "assigned_at"]
    raw_id_fields = ["idea", "reviewer", "assigned_by"]


class CriterionScoreInline(ReadOnlyTabularInline):
    model = CriterionScore
    extra = 0


@admin.register(Scorecard)
class ScorecardAdmin(ReadOnlyAdmin):
    list_display = ["idea", "reviewer", "weighted_total", "submitted_at"]
    raw_id_fields = ["idea", "reviewer"]
    inlines = [CriterionScoreInline]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["idea", "outcome", "actor", "created_at"]
    list_filter = ["outcome"]
    raw_id_fields = ["idea", "merged_into", "comment", "actor"]


@admin.register(ResponseRecord)
class ResponseRecordAdmin(ReadOnlyAdmin):
    list_display = ["idea", "first_response_at", "kind"]
    list_filter = ["kind"]
    raw_id_fields = ["idea"]
