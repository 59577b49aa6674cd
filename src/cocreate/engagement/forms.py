from django import forms
from django.utils.translation import gettext_lazy as _

from cocreate.core.params import IdField

from .models import Alignment


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    alignment = forms.ChoiceField(
        label=_("Your comment is"),
        choices=[("", _("Just a comment")), *list(Alignment.choices)],
        required=False,
        widget=forms.RadioSelect,
    )
    parent = IdField(required=False, widget=forms.HiddenInput)
    official = forms.BooleanField(label=_("Post as the organisation's official response"), required=False)


class CommentEditForm(forms.Form):
    body = forms.CharField(label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    alignment = forms.ChoiceField(
        label=_("Alignment"), choices=[("", _("Just a comment")), *list(Alignment.choices)], required=False
    )
