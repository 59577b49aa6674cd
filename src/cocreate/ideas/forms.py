from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from cocreate.core.images import limits_text
from cocreate.core.params import IdField

from .lifecycle import IdeaStatus
from .selectors import SORTS


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several images in one input; each is verified by the service, not here."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleImageInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleImageField, self).clean(f, initial) for f in files]


class IdeaForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160, help_text=_("One line that says what your idea is."))
    body = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("What is the idea, who is it for, and why does it matter? Markdown is supported."),
    )
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=400, help_text=_("Comma-separated, up to 8: “waste, packaging”.")
    )
    coauthors = forms.CharField(
        label=_("Co-authors"),
        required=False,
        max_length=600,
        help_text=_("Email addresses of members who created this with you, comma-separated."),
    )
    images = MultipleImageField(label=_("Images"), help_text=lazy(limits_text, str)())


class IdeaEditForm(IdeaForm):
    note = forms.CharField(
        label=_("What changed?"),
        required=False,
        max_length=300,
        help_text=_("Shown in the revision history, e.g. “Added costs after feedback”."),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you withdrawing it? (optional, shown on the idea)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class IdeaUpdateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    body = forms.CharField(label=_("Update"), widget=forms.Textarea(attrs={"rows": 6}), help_text=_("Markdown."))


class IdeaFilterForm(forms.Form):
    """The list controls; invalid values fall back to defaults rather than failing the page."""

    q = forms.CharField(label=_("Keywords"), required=False, max_length=200)
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=list(SORTS.items()))
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any open or decided")), *list(IdeaStatus.choices)]
    )
    tag = forms.SlugField(label=_("Tag"), required=False)
    theme = IdField(label=_("Theme"), required=False)
