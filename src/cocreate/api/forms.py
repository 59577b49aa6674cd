from django import forms
from django.utils.translation import gettext_lazy as _


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=80,
        help_text=_("What the token is for, e.g. “Laptop script” or “Dashboard sync”."),
    )


class TokenRevokeForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that scripts and apps using this token stop working at once."),
        required=True,
    )
