"""One application error type: services raise it, views turn it into a form error, the API into a JSON body."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    """A refusal the user can understand and act on.

    `code` is stable and machine-readable (the API returns it); `message` is translated for people;
    `field` names the form field the error belongs to, when there is one.
    """

    status = 400
    default_code = "invalid"

    def __init__(self, message, *, code: str | None = None, field: str | None = None, status: int | None = None):
        super().__init__(str(message))
        self.message = message
        self.code = code or self.default_code
        self.field = field
        if status is not None:
            self.status = status


class PermissionDenied(ApplicationError):
    status = 403
    default_code = "permission_denied"


class NotFound(ApplicationError):
    status = 404
    default_code = "not_found"


class Conflict(ApplicationError):
    status = 409
    default_code = "conflict"


class TermsNotAccepted(PermissionDenied):
    default_code = "terms_not_accepted"

    def __init__(self, message=None, **kwargs):
        super().__init__(message or _("Please accept the current contributor agreement first."), **kwargs)
