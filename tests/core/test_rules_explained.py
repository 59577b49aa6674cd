"""core.permissions: a rule made of checks is one permission for has_perm, and require_perm raises the refusal of
the first check that fails, with its own message, code and status."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from cocreate.core.errors import ApplicationError, Conflict, PermissionDenied
from cocreate.core.permissions import Check, add_rule, can_map, has_perm, refusal, require_perm
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


class Door:
    def __init__(self, owner_pk, is_open=True):
        self.owner_pk, self.is_open = owner_pk, is_open


@rules.predicate
def owns_door(user, door):
    return user.is_authenticated and door.owner_pk == user.pk


@rules.predicate
def door_is_open(user, door):
    return door.is_open


@pytest.fixture(scope="module", autouse=True)
def door_rules():
    add_rule(
        "tests.walk_through",
        Check(rules.is_authenticated, "Sign in first.", code="not_authenticated", status=401),
        Check(owns_door, "Only its owner walks through this door.", code="not_owner"),
        Check(door_is_open, "The door is closed.", code="closed", status=409),
    )
    add_rule("tests.paint", Check(perm="tests.walk_through", on=lambda house: house.door))
    yield
    for name in ("tests.walk_through", "tests.paint"):
        rules.remove_perm(name)


def test_the_first_failing_check_is_the_refusal():
    owner, stranger = MemberFactory(), MemberFactory()
    door = Door(owner.pk, is_open=False)

    anonymous = refusal(AnonymousUser(), "tests.walk_through", door)
    not_owner = refusal(stranger, "tests.walk_through", door)
    closed = refusal(owner, "tests.walk_through", door)

    assert (anonymous.status, anonymous.code, str(anonymous.message)) == (401, "not_authenticated", "Sign in first.")
    assert isinstance(not_owner, PermissionDenied) and not_owner.code == "not_owner"
    assert str(not_owner.message) == "Only its owner walks through this door."
    assert isinstance(closed, Conflict) and (closed.code, str(closed.message)) == ("closed", "The door is closed.")


def test_has_perm_is_all_the_checks_and_require_perm_passes_silently():
    owner = MemberFactory()
    door = Door(owner.pk)

    assert has_perm(owner, "tests.walk_through", door)
    assert refusal(owner, "tests.walk_through", door) is None
    require_perm(owner, "tests.walk_through", door)
    assert not has_perm(owner, "tests.walk_through", Door(owner.pk, is_open=False))


def test_require_perm_raises_the_refusal():
    with pytest.raises(ApplicationError) as refused:
        require_perm(MemberFactory(), "tests.walk_through", Door(owner_pk=0))

    assert refused.value.status == 403 and str(refused.value.message) == "Only its owner walks through this door."


def test_a_check_naming_another_rule_uses_that_rules_refusal():
    owner = MemberFactory()

    class House:
        door = Door(owner.pk, is_open=False)

    assert not has_perm(owner, "tests.paint", House)
    assert str(refusal(owner, "tests.paint", House).message) == "The door is closed."
    House.door = Door(owner.pk)
    assert has_perm(owner, "tests.paint", House)


def test_plain_rules_keep_the_generic_refusal_and_the_callers_message():
    with pytest.raises(PermissionDenied) as refused:
        require_perm(AnonymousUser(), "campaigns.create", None, "Only admins create campaigns.")

    assert refused.value.code == "forbidden:campaigns.create"
    assert str(refused.value.message) == "Only admins create campaigns."


def test_can_map_names_each_answer():
    owner = MemberFactory()

    assert can_map(owner, Door(owner.pk), {"walk": "tests.walk_through", "create": "campaigns.create"}) == {
        "walk": True,
        "create": False,
    }
