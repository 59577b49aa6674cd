from django import forms
from django.contrib import admin

from cocreate.core.admin_base import ReadOnlyAdmin, ServiceAdmin

from .models import AgreementAcceptance, ContributorAgreement
from .services import agreement_publish


class AgreementPublishForm(forms.ModelForm):
    class Meta:
        model = ContributorAgreement
        fields = ("title", "body", "summary_of_changes")


@admin.register(ContributorAgreement)
class ContributorAgreementAdmin(ServiceAdmin):
    """Adding an agreement publishes the next version through `agreement_publish` (every contributor accepts it
    again); a published version is what members consented to, so it never changes or goes away."""

    form = AgreementPublishForm
    list_display = ("version", "title", "published_at", "created_at")
    search_fields = ("title", "body")
    ordering = ("-version",)
    readonly_fields = ("version", "title", "body", "summary_of_changes", "published_at")

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ()

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        published = agreement_publish(
            actor=request.user, title=data["title"], body=data["body"], summary_of_changes=data["summary_of_changes"]
        )
        obj.pk = published.pk


@admin.register(AgreementAcceptance)
class AgreementAcceptanceAdmin(ReadOnlyAdmin):
    """Consent records are evidence: staff can read and search them, never add, edit or delete them."""

    list_display = ("user", "agreement", "accepted_at", "ip_address")
    list_filter = ("agreement__version",)
    search_fields = ("user__email", "user__display_name")
    list_select_related = ("user", "agreement")
    readonly_fields = ("user", "agreement", "accepted_at", "ip_address")
    date_hierarchy = "accepted_at"
