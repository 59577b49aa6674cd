from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cocreate.core.admin_base import ReadOnlyAdmin, service_action

from . import services
from .models import Moderation, OpinionMapSettings, Participant, Report, Statement, Vote


@admin.register(OpinionMapSettings)
class OpinionMapSettingsAdmin(ReadOnlyAdmin):
    list_display = ["campaign", "allow_anonymous", "statement_moderation", "min_votes"]


@admin.register(Participant)
class ParticipantAdmin(ReadOnlyAdmin):
    list_display = ["pk", "campaign", "user", "external_id", "created_at"]
    raw_id_fields = ["user"]


@admin.register(Statement)
class StatementAdmin(ReadOnlyAdmin):
    list_display = ["text", "campaign", "moderation", "created_at"]
    list_filter = ["moderation"]
    raw_id_fields = ["author"]
    actions = [
        service_action(
            "show_statements",
            _("Show the selected statements"),
            lambda actor, s: services.statement_moderate(actor=actor, statement=s, moderation=Moderation.SHOWN),
            _("%(n)d statements shown."),
        ),
        service_action(
            "hide_statements",
            _("Hide the selected statements"),
            lambda actor, s: services.statement_moderate(actor=actor, statement=s, moderation=Moderation.HIDDEN),
            _("%(n)d statements hidden."),
        ),
    ]


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdmin):
    list_display = ["participant", "statement", "value", "updated_at"]
    raw_id_fields = ["participant", "statement"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["campaign", "computed_at", "vote_count", "pending"]
    exclude = ["data"]
