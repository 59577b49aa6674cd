from django import forms

from .errors import ApplicationError


def add_application_error(form: forms.BaseForm, error: ApplicationError) -> None:
    """Show a service's refusal on the form: on its field when the form has one, else at the top."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))
