from django import forms
from django.utils.translation import gettext_lazy as _


class SignupForm(forms.Form):
    """Extra sign-up field for allauth: the name other members see."""

    display_name = forms.CharField(label=_("Display name"), max_length=80, help_text=_("Shown on your ideas."))

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"].strip()
        user.save(update_fields=["display_name"])
