"""F12: the per-address support limit counts supports given, not refused or repeated attempts, so members sharing
one address (an office, a school) cannot lock each other out by clicking twice."""

import pytest

from cocreate.accounts import ratelimit
from cocreate.core.context import current_ip, hash_value
from cocreate.core.errors import Conflict
from cocreate.engagement import services as engagement
from cocreate.engagement.models import Support
from tests.factories import IdeaFactory, MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_address(settings):
    settings.MODERATION_RATE_LIMITS = {"support": {"member": "100/d", "new": "100/d", "ip": "2/d"}}
    token = current_ip.set("203.0.113.7")
    yield
    current_ip.reset(token)


def test_refused_supports_do_not_use_up_the_address_limit(shared_address):
    first, second = IdeaFactory(), IdeaFactory()
    alice, bob = MemberFactory(), MemberFactory()
    engagement.support_add(actor=alice, idea=first)
    for _ in range(3):  # a double click, a retry: each refused with 409
        with pytest.raises(Conflict):
            engagement.support_add(actor=alice, idea=first)

    engagement.support_add(actor=bob, idea=second)  # the second support given from the address: allowed

    assert Support.objects.count() == 2
    with pytest.raises(ratelimit.RateLimited):  # the limit still holds for supports actually given
        engagement.support_add(actor=MemberFactory(), idea=first)


def test_attempts_refused_by_the_limit_are_not_counted(settings):
    settings.MODERATION_RATE_LIMITS = {"support": {"ip": "1/d"}}
    ratelimit.check(MemberFactory(), "support", ip="198.51.100.1")
    for _ in range(3):
        with pytest.raises(ratelimit.RateLimited):
            ratelimit.check(MemberFactory(), "support", ip="198.51.100.1")
    key = f"support:ip:{hash_value('198.51.100.1')}"
    # The shared store: the database in embedded mode, Redis when scaled out.
    assert ratelimit.current(key, ratelimit.parse("1/d")) == 1
