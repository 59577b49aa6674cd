"""Forms for the campaign pages. They parse and check input; the services in services.py do the writes."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cocreate.accounts.models import Role
from cocreate.core.errors import ApplicationError
from cocreate.core.images import process_image
from cocreate.core.methods import CampaignMethod, Section
from cocreate.core.methods import registry as methods

from .models import DEFAULT_METHOD, Campaign, PhaseKind
from .services import FIELD_SECTIONS, CriterionSpec, PhaseSpec, StageSpec

# LEGO Ideas' staged goals: each stage reached restarts the clock for the next.
LEGO_LADDER = [(100, 60), (1000, 365), (5000, 180), (10000, 180)]
PRESETS = {"lego": LEGO_LADDER}
DEFAULT_LADDER = [{"threshold": 100, "window_days": 60}]
# The formsets that belong to a form section only some methods use (the fields: services.FIELD_SECTIONS).
FORMSET_SECTIONS = {"stages": Section.SUPPORT_LADDER, "criteria": Section.CRITERIA}
RESERVED_SLUGS = {"new"}
DATETIME_LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
CAMPAIGN_ROLES = [
    (Role.FACILITATOR, _("Facilitator: runs the campaign, edits the brief, manages the team")),
    (Role.MODERATOR, _("Moderator: approves and moves ideas")),
    (Role.REVIEWER, _("Reviewer: evaluates ideas")),
]


class CampaignForm(forms.ModelForm):
    """The brief and the rules. Never saved directly: the view passes cleaned data to the services.

    The methods offered are the registered ones; the fields of a form section the chosen method does not use
    are removed, so they are neither shown nor saved."""

    method = forms.ChoiceField(label=_("Method"), widget=forms.RadioSelect)

    slug = forms.SlugField(
        label=_("Address"),
        required=False,
        max_length=80,
        help_text=_("The last part of the campaign's web address. Leave empty to make one from the title."),
    )
    cover_image = forms.FileField(
        label=_("Cover image"),
        required=False,
        help_text=_("JPEG, PNG, GIF or WebP. Shown on the campaign card and at the top of the brief."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
    )
    remove_cover = forms.BooleanField(label=_("Remove the current cover image"), required=False)

    class Meta:
        model = Campaign
        fields = [
            "title", "goal", "brief", "constraints", "out_of_scope", "audience", "incentives", "ip_terms",
            "method", "visibility", "moderation", "status", "entries_per_member", "max_images_per_idea",
            "response_promise_days",
        ]  # fmt: skip
        widgets = {
            "goal": forms.TextInput(),
            "brief": forms.Textarea(attrs={"rows": 8}),
            "constraints": forms.Textarea(attrs={"rows": 4}),
            "out_of_scope": forms.Textarea(attrs={"rows": 3}),
            "incentives": forms.Textarea(attrs={"rows": 3}),
            "ip_terms": forms.Textarea(attrs={"rows": 3}),
            "visibility": forms.RadioSelect(),
            "moderation": forms.RadioSelect(),
        }

    def __init__(self, *args: Any, creating: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.creating = creating
        self.fields["method"].choices = [
            (m.key, format_html('<strong>{}</strong> <small class="meta">{}</small>', m.label, m.description))
            for m in methods
        ]
        self.method_spec = self._chosen_method()
        for name, section in FIELD_SECTIONS.items():
            if not self.method_spec.has(section):
                del self.fields[name]
        if creating:
            del self.fields["remove_cover"]
        else:
            del self.fields["slug"]  # the address stays stable once people link to it
            if not (self.instance and self.instance.cover_image):
                del self.fields["remove_cover"]
        self.fields["cover_image"].widget = forms.FileInput(attrs=self.fields["cover_image"].widget.attrs)

    def _chosen_method(self) -> CampaignMethod:
        """The method whose sections the form shows: the one posted, else the campaign's, else the default."""
        for key in (
            self.data.get("method") if self.is_bound else None,
            self.initial.get("method"),
            self.instance.method if self.instance and self.instance.pk else None,
            DEFAULT_METHOD,
        ):
            if key in methods:
                return methods.get(key)
        return next(iter(methods))

    def _post_clean(self) -> None:
        # The services validate the model (full_clean) and report through ApplicationError; the instance given
        # to an edit form must stay untouched so the page can still show the saved campaign.
        pass

    def clean_slug(self) -> str:
        slug = self.cleaned_data.get("slug") or ""
        if slug.lower() in RESERVED_SLUGS:
            raise ValidationError(_("That address is reserved; choose another."))
        if slug and Campaign.objects.filter(slug=slug).exists():
            raise ValidationError(_("Another campaign already uses that address."))
        return slug

    def clean_cover_image(self) -> Any:
        upload = self.cleaned_data.get("cover_image")
        if not upload:
            return None
        try:
            return process_image(upload, field="cover_image", thumbnail_size=(8, 8)).image
        except ApplicationError as exc:
            raise ValidationError(str(exc.message)) from exc

    def service_fields(self) -> dict[str, Any]:
        """Cleaned values as keyword arguments for campaign_create / campaign_update."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields}
        if self.cleaned_data.get("cover_image"):
            data["cover_image"] = self.cleaned_data["cover_image"]
        elif self.cleaned_data.get("remove_cover"):
            data["cover_image"] = ""
        return data


class StageForm(forms.Form):
    threshold = forms.IntegerField(
        label=_("Supporters needed"),
        min_value=1,
        max_value=10**9,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    window_days = forms.IntegerField(
        label=_("Within days"), min_value=1, max_value=36_500, widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=120)
    description = forms.CharField(label=_("What reviewers look for"), max_length=400, required=False)
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100, initial=1)


class PhaseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Phase"), choices=[("", _("Choose a phase")), *PhaseKind.choices])
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        input_formats=DATETIME_LOCAL_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"),
        required=False,
        input_formats=DATETIME_LOCAL_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Leave empty for no end."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("A phase must end after it starts."))
        return data


class BaseStageFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        # The service checks the ladder too; checking here shows the problem together with any field errors.
        if any(self.errors):
            return
        thresholds = [f.cleaned_data["threshold"] for f in self.forms if f.cleaned_data]
        if not thresholds:
            raise ValidationError(_("Set at least one support threshold."))
        if any(b <= a for a, b in pairwise(thresholds)):
            raise ValidationError(_("Each stage of the ladder must need more supporters than the one before."))


StageFormSet = forms.formset_factory(StageForm, formset=BaseStageFormSet, extra=1, max_num=20, absolute_max=20)
CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, max_num=20, absolute_max=20)
PhaseFormSet = forms.formset_factory(PhaseForm, extra=2, max_num=20, absolute_max=20)
FORMSETS = {"stages": StageFormSet, "criteria": CriterionFormSet, "phases": PhaseFormSet}


def _filled(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    return [f.cleaned_data for f in formset.forms if f.cleaned_data]


def stage_specs(formset: forms.BaseFormSet) -> list[StageSpec]:
    return [StageSpec(threshold=d["threshold"], window_days=d["window_days"]) for d in _filled(formset)]


def criterion_specs(formset: forms.BaseFormSet) -> list[CriterionSpec]:
    return [
        CriterionSpec(name=d["name"], weight=d["weight"], description=d.get("description", ""))
        for d in _filled(formset)
    ]


def phase_specs(formset: forms.BaseFormSet) -> list[PhaseSpec]:
    return [PhaseSpec(kind=d["kind"], starts_at=d["starts_at"], ends_at=d.get("ends_at")) for d in _filled(formset)]


def stage_initial(campaign: Campaign) -> list[dict[str, Any]]:
    return [{"threshold": s.threshold, "window_days": s.window_days} for s in campaign.support_stages.all()]


def criterion_initial(campaign: Campaign) -> list[dict[str, Any]]:
    return [{"name": c.name, "description": c.description, "weight": c.weight} for c in campaign.criteria.all()]


def phase_initial(campaign: Campaign) -> list[dict[str, Any]]:
    return [{"kind": p.kind, "starts_at": p.starts_at, "ends_at": p.ends_at} for p in campaign.phases.all()]


def typed_values(form: forms.BaseForm) -> dict[str, Any]:
    """What a bound form holds, as initial values for an unbound copy (shown again without error messages)."""
    return {name: form[name].data for name in form.fields if name not in {"cover_image"}}


def typed_rows(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    rows = []
    for form in formset.forms:
        values = typed_values(form)
        if any(v not in (None, "") for v in values.values()):
            rows.append(values)
    return rows


# ---- staff tools ----------------------------------------------------------------------------------------


class RoleAssignForm(forms.Form):
    email = forms.EmailField(label=_("Member's email"))
    role = forms.ChoiceField(label=_("Role"), choices=CAMPAIGN_ROLES)


_SPLIT = re.compile(r"[\s,;]+")


class InviteForm(forms.Form):
    emails = forms.CharField(
        label=_("Email addresses"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One per line, or separated by commas. People already invited are kept."),
    )

    def clean_emails(self) -> list[str]:
        emails = [e for e in _SPLIT.split(self.cleaned_data["emails"]) if e]
        bad = []
        for email in emails:
            try:
                validate_email(email)
            except ValidationError:
                bad.append(email)
        if bad:
            raise ValidationError(
                _("These are not email addresses: %(emails)s") % {"emails": ", ".join(bad)}, code="invalid"
            )
        if not emails:
            raise ValidationError(_("Enter at least one email address."))
        return emails
