from django import forms
from django.utils.translation import gettext_lazy as _

from cocreate.ideas.lifecycle import PUBLIC_STATES, IdeaStatus

from .backends import KINDS, MAX_QUERY, SearchFilters

KIND_LABELS = {"idea": _("Ideas"), "campaign": _("Campaigns"), "comment": _("Comments")}


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=MAX_QUERY, required=False)
    campaign = forms.TypedChoiceField(label=_("Campaign"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("Everything")), *[(k, KIND_LABELS[k]) for k in KINDS]],
    )
    status = forms.ChoiceField(
        label=_("Idea status"),
        required=False,
        choices=[("", _("Any open or decided idea"))] + [(s.value, s.label) for s in IdeaStatus if s in PUBLIC_STATES],
    )
    tag = forms.SlugField(label=_("Tag"), required=False, max_length=50)
    theme = forms.TypedChoiceField(label=_("Theme"), required=False, coerce=int, empty_value=None)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, campaigns=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].choices = [("", _("All campaigns")), *[(c.pk, c.title) for c in campaigns]]
        # Only themes of campaigns the viewer may see (a theme's label says what a campaign's ideas are about).
        from cocreate.similarity.selectors import themes_of_campaigns

        themes = themes_of_campaigns(campaigns) if hasattr(campaigns, "model") else []
        if not themes:
            del self.fields["theme"]
        else:
            self.fields["theme"].choices = [
                ("", _("All themes")),
                *[(t.pk, f"{t.campaign.title}: {t.label}") for t in themes],
            ]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date comes before the start date."))
        return data

    def filters(self) -> SearchFilters:
        data = self.cleaned_data if self.is_valid() else {}
        kind = data.get("kind") or ""
        return SearchFilters(
            campaign_id=data.get("campaign"),
            status=data.get("status") or "",
            tag=data.get("tag") or "",
            theme_id=data.get("theme"),
            kinds=(kind,) if kind else KINDS,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
