from django import forms
from django.utils.translation import gettext_lazy as _


class StatementForm(forms.Form):
    text = forms.CharField(
        label=_("Your statement"),
        max_length=400,
        min_length=5,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One short, clear opinion others can agree or disagree with."),
    )
