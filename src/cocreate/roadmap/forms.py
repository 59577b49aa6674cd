"""Forms of the roadmap's staff pages. They parse input; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import RoadmapStatus


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What will be done, for the public. Markdown is supported."),
    )
    idea = forms.ModelChoiceField(
        label=_("Accepted idea"),
        queryset=None,
        required=False,
        empty_label=_("— not tied to an idea —"),
        help_text=_("Accepted ideas go on the roadmap by themselves; pick one here only if it is missing."),
    )
    position = forms.IntegerField(
        label=_("Position"),
        min_value=0,
        max_value=2**31 - 1,
        required=False,
        help_text=_("Lower numbers come first on the board."),
    )

    def __init__(self, *args, ideas=None, with_idea=True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_idea and ideas is not None:
            self.fields["idea"].queryset = ideas
        else:
            del self.fields["idea"]
        if with_idea:
            del self.fields["position"]


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=RoadmapStatus.choices)
    progress = forms.IntegerField(label=_("Progress (percent)"), min_value=0, max_value=100, required=False)
    note = forms.CharField(
        label=_("Note for the public"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What happened, in a sentence or two. Shown on the item and the idea's timeline."),
    )


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=160)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class ReleaseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    version = forms.CharField(label=_("Version"), max_length=40, help_text=_("E.g. 1.2, or “Spring 2027”."))
    notes = forms.CharField(
        label=_("Release notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown is supported. The co-creators are credited below the notes automatically."),
    )
    items = forms.ModelMultipleChoiceField(
        label=_("What shipped"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("In-progress items are marked shipped when the release is published."),
    )

    def __init__(self, *args, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = items
        self.fields["items"].label_from_instance = lambda item: f"{item.title} ({item.get_status_display()})"
