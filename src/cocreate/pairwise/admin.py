from django.contrib import admin

from .models import PairwiseEntry, PairwisePrompt, PairwiseSettings, PairwiseVote


@admin.register(PairwiseSettings)
class PairwiseSettingsAdmin(admin.ModelAdmin):
    list_display = ["campaign", "allow_anonymous", "allow_member_entries", "revision"]


@admin.register(PairwiseEntry)
class PairwiseEntryAdmin(admin.ModelAdmin):
    list_display = ["text", "campaign", "status", "is_seed", "added_by", "created_at"]
    list_filter = ["status", "is_seed", "campaign"]
    search_fields = ["text"]
    raw_id_fields = ["added_by", "moderated_by"]


@admin.register(PairwisePrompt)
class PairwisePromptAdmin(admin.ModelAdmin):
    list_display = ["pk", "campaign", "left", "right", "voter", "created_at", "answered_at"]
    raw_id_fields = ["left", "right", "voter"]


@admin.register(PairwiseVote)
class PairwiseVoteAdmin(admin.ModelAdmin):
    list_display = ["pk", "campaign", "choice", "winner", "reason", "voter", "created_at"]
    list_filter = ["choice", "reason"]
    raw_id_fields = ["prompt", "winner", "loser", "voter"]
