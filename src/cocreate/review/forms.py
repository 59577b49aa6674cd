"""Forms of the review pages: they parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cocreate.core.params import IdField

from .models import SCORE_MAX, SCORE_MIN, Outcome
from .services import BULK_ACTIONS, MIN_EXPLANATION


class QueueFilterForm(forms.Form):
    campaign = forms.ChoiceField(label=_("Campaign"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    assignee = forms.ChoiceField(label=_("Reviewer"), required=False)

    def __init__(self, *args: Any, campaigns, stages, reviewers, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign"].choices = [("", _("All campaigns"))] + [(c.slug, c.title) for c in campaigns]
        self.fields["stage"].choices = [("", _("All stages"))] + [(s, s) for s in stages]
        self.fields["assignee"].choices = [("", _("Anyone")), ("none", _("Nobody yet"))] + [
            (str(r.pk), r.public_name) for r in reviewers
        ]


class AssignForm(forms.Form):
    reviewer = forms.ChoiceField(label=_("Reviewer"))

    def __init__(self, *args: Any, reviewers, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].choices = [("round_robin", _("Next in turn (round robin)"))] + [
            (str(r.pk), r.public_name) for r in reviewers
        ]


class MoveStageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Move to stage"))

    def __init__(self, *args: Any, stages, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [(str(s.pk), s.name) for s in stages]


SCORE_CHOICES = [(str(n), str(n)) for n in range(SCORE_MIN, SCORE_MAX + 1)]


class ScorecardForm(forms.Form):
    """One 0–5 score and a comment per criterion, plus the public note."""

    public_note = forms.CharField(
        label=_("Public note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the idea's timeline for everyone. Scores and comments stay with the staff."),
    )

    def __init__(self, *args: Any, criteria, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"score_{c.pk}"] = forms.TypedChoiceField(
                label=_("%(name)s (weight %(weight)d)") % {"name": c.name, "weight": c.weight},
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=c.description,
            )
            self.fields[f"comment_{c.pk}"] = forms.CharField(
                label=_("Comment on %(name)s") % {"name": c.name},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        # the note last, after the criteria
        self.order_fields([f for c in self.criteria for f in (f"score_{c.pk}", f"comment_{c.pk}")] + ["public_note"])

    def rows(self):
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"score_{c.pk}"] for c in self.criteria}

    def comments(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"comment_{c.pk}", "") for c in self.criteria}


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Outcome.choices, widget=forms.RadioSelect)
    explanation = forms.CharField(
        label=_("Public explanation"),
        min_length=MIN_EXPLANATION,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required. Posted on the idea as the official response: the author and supporters read it."),
        error_messages={"required": _("Explain the decision: the author and supporters will read it.")},
    )
    merged_into = IdField(
        label=_("Merge into idea number"),
        required=False,
        help_text=_("Only for “merged”: the number in the other idea's address."),
    )


class BulkForm(forms.Form):
    ideas = forms.MultipleChoiceField(label=_("Ideas"), widget=forms.CheckboxSelectMultiple)
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            ("assign", _("Assign a reviewer")),
            ("round_robin", _("Assign reviewers in turn (round robin)")),
            ("move_stage", _("Move to stage")),
        ],
    )
    reviewer = forms.ChoiceField(label=_("Reviewer"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, idea_choices, reviewers, stages, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ideas"].choices = idea_choices
        self.fields["reviewer"].choices = [("", "—")] + [(str(r.pk), r.public_name) for r in reviewers]
        self.fields["stage"].choices = [("", "—")] + [(s, s) for s in stages]
        assert set(BULK_ACTIONS) == {v for v, _l in self.fields["action"].choices}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("action") == "assign" and not data.get("reviewer"):
            self.add_error("reviewer", _("Choose a reviewer."))
        if data.get("action") == "move_stage" and not data.get("stage"):
            self.add_error("stage", _("Choose a stage."))
        return data


class StagesForm(forms.Form):
    stages = forms.CharField(
        label=_("Stages, in order, one per line"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=1000,
    )

    def names(self) -> list[str]:
        return [line for line in self.cleaned_data["stages"].splitlines() if line.strip()]


class ResubmitForm(forms.Form):
    note = forms.CharField(label=_("What did you add?"), required=False, max_length=1000)
