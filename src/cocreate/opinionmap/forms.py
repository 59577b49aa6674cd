from django import forms
from django.utils.translation import gettext_lazy as _

from .models import OpinionMapSettings


class StatementForm(forms.Form):
    text = forms.CharField(
        label=_("Your statement"),
        max_length=400,
        min_length=5,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One short, clear opinion others can agree or disagree with."),
    )


class SettingsForm(forms.ModelForm):
    """The campaign's opinion-map settings, for its facilitators (services.settings_update saves them)."""

    class Meta:
        model = OpinionMapSettings
        fields = ["allow_anonymous", "allow_submissions", "statement_moderation", "min_votes", "recompute_seconds"]
        widgets = {"statement_moderation": forms.RadioSelect}
        help_texts = {
            "allow_submissions": _("Participants may add statements of their own (campaign staff always may)."),
            "min_votes": _(
                "Participants with fewer votes are not placed on the map nor counted in the groups (all statements "
                "suffice when there are fewer). Pol.is uses 7. Changing it recomputes the map from scratch."
            ),
            "recompute_seconds": _("After a vote, the map is recomputed in the background at most this often."),
        }
