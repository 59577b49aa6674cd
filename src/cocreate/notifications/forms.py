from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import Delivery, Kind


class PreferencesForm(forms.Form):
    """One choice per kind: off, in the notification centre only, or also by email (at once or in a digest)."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label, choices=Delivery.choices, initial=current.get(kind.value)
            )


class UnsubscribeForm(forms.Form):
    confirm = forms.CharField(required=False, widget=forms.HiddenInput, label=_("Confirm"))
