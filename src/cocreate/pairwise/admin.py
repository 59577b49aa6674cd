from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cocreate.core.admin_base import ReadOnlyAdmin, service_action

from . import services
from .models import EntryStatus, PairwiseEntry, PairwisePrompt, PairwiseSettings, PairwiseVote


@admin.register(PairwiseSettings)
class PairwiseSettingsAdmin(ReadOnlyAdmin):
    list_display = ["campaign", "allow_anonymous", "allow_member_entries", "revision"]


@admin.register(PairwiseEntry)
class PairwiseEntryAdmin(ReadOnlyAdmin):
    list_display = ["text", "campaign", "status", "is_seed", "added_by", "created_at"]
    list_filter = ["status", "is_seed", "campaign"]
    search_fields = ["text"]
    raw_id_fields = ["added_by", "moderated_by"]
    actions = [
        service_action(
            "show_entries",
            _("Show the selected entries"),
            lambda actor, e: services.entry_moderate(actor=actor, entry=e, status=EntryStatus.SHOWN),
            _("%(n)d entries shown."),
        ),
        service_action(
            "hide_entries",
            _("Hide the selected entries"),
            lambda actor, e: services.entry_moderate(actor=actor, entry=e, status=EntryStatus.HIDDEN),
            _("%(n)d entries hidden."),
        ),
    ]


@admin.register(PairwisePrompt)
class PairwisePromptAdmin(ReadOnlyAdmin):
    list_display = ["pk", "campaign", "left", "right", "voter", "created_at", "answered_at"]
    raw_id_fields = ["left", "right", "voter"]


@admin.register(PairwiseVote)
class PairwiseVoteAdmin(ReadOnlyAdmin):
    list_display = ["pk", "campaign", "choice", "winner", "reason", "voter", "created_at"]
    list_filter = ["choice", "reason"]
    raw_id_fields = ["prompt", "winner", "loser", "voter"]
