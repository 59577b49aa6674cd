"""Forms meet services here: a service refusal becomes an error on the form that was sent; nothing typed is lost."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django import forms

from .errors import ApplicationError, TermsNotAccepted


def add_application_error(form: forms.BaseForm, error: ApplicationError) -> None:
    """Show a service's refusal on the form: on its field when the form has one, else at the top."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))


def belongs_on_form(form: forms.BaseForm, error: ApplicationError) -> bool:
    """Whether `error` is shown on the form (re-rendered as it was sent, so nothing typed is lost) or answered by
    core.middleware.ApplicationErrorMiddleware: a missing sign-in (401), the contributor agreement (its own page) and
    a missing object (404) that names none of the form's fields. Refusals (403) stay on the form: the person may
    have typed a long text that a checkbox they may not tick (say "official response") must not throw away.
    """
    if isinstance(error, TermsNotAccepted):
        return False
    if error.field and error.field in form.fields:
        return True
    return error.status not in (401, 404)


@dataclass
class FormOutcome:
    """What became of a form's service call: `error` is the refusal shown on the form, if any."""

    form: forms.BaseForm
    error: ApplicationError | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None

    @property
    def status(self) -> int:
        """The status to re-render the form with: the service's (400, 409...), 400 for invalid input, else 200."""
        if self.error is not None:
            return self.error.status
        return 400 if self.form.is_bound and self.form.errors else 200


@contextmanager
def form_errors(
    form: forms.BaseForm, *, show: Callable[[ApplicationError], None] | None = None
) -> Iterator[FormOutcome]:
    """Run a service for a bound form; its refusal lands on the form's field (or at the top), and the view goes on
    to re-render the form filled as it was sent:

        with form_errors(form) as outcome:
            idea = services.idea_create(actor=request.user, **form.cleaned_data)
            return redirect(idea)
        return render(request, "ideas/idea_form.html", {"form": form}, status=outcome.status)

    Errors that are not about the form (see `belongs_on_form`) propagate to the error middleware. `show` replaces
    the default placement (a page with formsets puts an error naming a formset on that formset).
    """
    outcome = FormOutcome(form)
    try:
        yield outcome
    except ApplicationError as error:
        if not belongs_on_form(form, error):
            raise
        (show or (lambda e: add_application_error(form, e)))(error)
        outcome.error = error
