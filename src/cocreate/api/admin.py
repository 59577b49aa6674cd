from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from cocreate.core.admin_base import ReadOnlyAdmin
from cocreate.core.errors import ApplicationError

from .models import PersonalAccessToken
from .services import token_revoke


@admin.register(PersonalAccessToken)
class PersonalAccessTokenAdmin(ReadOnlyAdmin):
    """Staff can see and revoke tokens, never create them or see their values (only a hash is stored)."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__email"]
    list_select_related = ["user"]
    fields = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = fields
    actions = ["revoke"]

    # Never deleted (ReadOnlyAdmin): revoke instead, the row stays as a record of what existed.

    def has_revoke_permission(self, request):
        return request.user.has_perm("api.change_personalaccesstoken")

    @admin.action(description=_("Revoke selected tokens"), permissions=["revoke"])
    def revoke(self, request, queryset):
        revoked = 0
        for token in queryset.filter(revoked_at__isnull=True):
            try:
                token_revoke(actor=request.user, token=token)
            except ApplicationError as error:
                self.message_user(request, f"{token}: {error.message}", messages.ERROR)
            else:
                revoked += 1
        self.message_user(request, _("%(n)d tokens revoked.") % {"n": revoked}, messages.SUCCESS)
