from django import forms
from django.utils.translation import gettext_lazy as _

from cocreate.accounts.models import TrustLevel

from .models import FlagReason


class FlagForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong?"), choices=FlagReason.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Details for the moderators (needed for “something else”)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the author sees it)"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class SuspendForm(forms.Form):
    until = forms.DateTimeField(
        label=_("Suspended until"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    reason = forms.CharField(label=_("Reason (the member sees it)"), max_length=500)


class TrustForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Trust level"), choices=[("auto", _("Automatic (by the rules)")), *TrustLevel.choices]
    )
    reason = forms.CharField(label=_("Note for the audit log"), max_length=500, required=False)
