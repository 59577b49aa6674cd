from django import forms
from django.utils.translation import gettext_lazy as _

from cocreate.core.params import IdField

from .models import CantDecideReason, Choice, EntryStatus


class VoteForm(forms.Form):
    prompt = IdField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(choices=Choice.choices)
    reason = forms.ChoiceField(
        label=_("Why can't you decide?"), choices=[("", "—"), *CantDecideReason.choices], required=False
    )
    reason_text = forms.CharField(label=_("In your words (optional)"), max_length=300, required=False)


class EntryForm(forms.Form):
    text = forms.CharField(
        label=_("Your own answer"),
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("One short sentence")}),
    )


class ModerateForm(forms.Form):
    entry = IdField()
    status = forms.ChoiceField(choices=[(EntryStatus.SHOWN, _("Show")), (EntryStatus.HIDDEN, _("Hide"))])


class SettingsForm(forms.Form):
    allow_anonymous = forms.BooleanField(label=_("Visitors may vote without signing in"), required=False)
    allow_member_entries = forms.BooleanField(label=_("Members may add entries (moderated)"), required=False)
