from django.contrib import admin

from .models import OpinionMapSettings, Participant, Report, Statement, Vote


@admin.register(OpinionMapSettings)
class OpinionMapSettingsAdmin(admin.ModelAdmin):
    list_display = ["campaign", "allow_anonymous", "statement_moderation", "min_votes"]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["pk", "campaign", "user", "external_id", "created_at"]
    raw_id_fields = ["user"]


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["text", "campaign", "moderation", "created_at"]
    list_filter = ["moderation"]
    raw_id_fields = ["author"]


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    list_display = ["participant", "statement", "value", "updated_at"]
    raw_id_fields = ["participant", "statement"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["campaign", "computed_at", "vote_count", "pending"]
    exclude = ["data"]
