"""The person behind a request, as services, selectors and rules receive them: a member, or a visitor."""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser

from .models import User

Actor: TypeAlias = User | AnonymousUser
