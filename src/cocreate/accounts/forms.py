from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Role
from .services import time_zone_names


class SignupForm(forms.Form):
    """Extra sign-up field for allauth: the name other members see."""

    display_name = forms.CharField(label=_("Display name"), max_length=80, help_text=_("Shown on your ideas."))

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"].strip()
        user.save(update_fields=["display_name"])


def time_zone_choices():
    return [("", _("Use my browser's time zone"))] + [(name, name) for name in sorted(time_zone_names())]


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label=_("Display name"), max_length=80, help_text=_("Shown on your ideas, comments and profile.")
    )
    bio = forms.CharField(
        label=_("About you"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Markdown is supported. Shown on your public profile."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        choices=time_zone_choices,
        help_text=_("Dates and times are shown in this zone."),
    )
    coauthor_listing = forms.BooleanField(
        label=_("Other members may name me as a co-author of their ideas"),
        required=False,
        help_text=_(
            "They need your email address. Without this, nobody can list you, or find out you have an account."
        ),
    )


class RoleGrantForm(forms.Form):
    email = forms.EmailField(label=_("Member's email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
