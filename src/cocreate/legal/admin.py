from django.contrib import admin

from .models import AgreementAcceptance, ContributorAgreement


@admin.register(ContributorAgreement)
class ContributorAgreementAdmin(admin.ModelAdmin):
    list_display = ("version", "title", "published_at", "created_at")
    search_fields = ("title", "body")
    ordering = ("-version",)

    def get_readonly_fields(self, request, obj=None):
        # A published version is what members consented to: its text must not change afterwards.
        if obj is not None and obj.published_at:
            return ("version", "title", "body", "summary_of_changes", "published_at")
        return ()


@admin.register(AgreementAcceptance)
class AgreementAcceptanceAdmin(admin.ModelAdmin):
    """Consent records are evidence: staff can read and search them, never add, edit or delete them."""

    list_display = ("user", "agreement", "accepted_at", "ip_address")
    list_filter = ("agreement__version",)
    search_fields = ("user__email", "user__display_name")
    list_select_related = ("user", "agreement")
    readonly_fields = ("user", "agreement", "accepted_at", "ip_address")
    date_hierarchy = "accepted_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
