from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ContributorAgreement


class AgreementPublishForm(forms.Form):
    """A new version of the contributor agreement, as staff write it."""

    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Terms"),
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_("Markdown is supported. Every contributor will be asked to accept this version."),
    )
    summary_of_changes = forms.CharField(
        label=_("What changed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Shown to members who accepted an earlier version, so they see what is new."),
    )


class AcceptForm(forms.Form):
    """The version the member read: accepting a version that is no longer current is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)

    def agreement(self) -> ContributorAgreement | None:
        return ContributorAgreement.objects.filter(version=self.cleaned_data["version"]).first()
