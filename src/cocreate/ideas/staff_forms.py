"""Forms of the campaign staff area for ideas: moderate a waiting idea, change an idea's status."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .lifecycle import Transition


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("return", _("Return to author"))]
    )
    reason = forms.CharField(
        label=_("Reason for the author"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you return an idea: tell the author what to change."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Tell the author why the idea goes back to them."))
        return data


# The public note staff must write for a status change (the author and supporters read it).
NOTE_REQUIRED = {
    "accept": _("Explain the decision: the author and supporters will read it."),
    "decline": _("Explain the decision: the author and supporters will read it."),
    "request_info": _("Tell the author what information is missing."),
}


class StatusChangeForm(forms.Form):
    """A status change by staff. The choices are the lifecycle's staff transitions that the idea's current status
    allows and the member may make (ideas.selectors.staff_transitions_for), under their lifecycle labels."""

    transition = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(
        label=_("Public note"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, transitions: list[Transition], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["transition"].choices = [(t.name, t.label) for t in transitions]

    @property
    def has_choices(self) -> bool:
        return bool(self.fields["transition"].choices)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        required = NOTE_REQUIRED.get(data.get("transition") or "")
        if required and not (data.get("note") or "").strip():
            self.add_error("note", required)
        return data
