"""Domain events reach their handlers only once the write that caused them is committed."""

import logging
from dataclasses import dataclass

import pytest
from django.db import transaction

from cocreate.core import events
from cocreate.core.events import DomainEvent, publish, subscribe


@dataclass(frozen=True)
class SomethingHappened(DomainEvent):
    thing_id: int


@dataclass(frozen=True)
class SomethingSpecialHappened(SomethingHappened):
    pass


@dataclass(frozen=True)
class SomethingElse(DomainEvent):
    pass


@pytest.fixture
def received():
    """Subscribe recording handlers for the test's event types, and unsubscribe them afterwards."""
    log: list[tuple[str, DomainEvent]] = []
    before = {k: list(v) for k, v in events._handlers.items()}

    def first(event):
        log.append(("first", event))

    def second(event):
        log.append(("second", event))

    subscribe(SomethingHappened)(first)
    subscribe(SomethingHappened)(second)
    yield log
    events._handlers.clear()
    events._handlers.update(before)


@pytest.mark.django_db(transaction=True)
def test_handlers_run_after_commit_not_before(received):
    # given / when
    with transaction.atomic():
        publish(SomethingHappened(thing_id=1))
        # then: nothing yet, the write could still be rolled back
        assert received == []

    # then
    assert received == [("first", SomethingHappened(1)), ("second", SomethingHappened(1))]


@pytest.mark.django_db(transaction=True)
def test_handlers_never_run_for_a_rolled_back_write(received):
    # when
    with pytest.raises(RuntimeError), transaction.atomic():
        publish(SomethingHappened(thing_id=2))
        raise RuntimeError("the write failed")

    # then
    assert received == []


@pytest.mark.django_db(transaction=True)
def test_an_inner_savepoint_rolled_back_drops_only_its_own_events(received):
    # when
    with transaction.atomic():
        publish(SomethingHappened(thing_id=1))
        try:
            with transaction.atomic():
                publish(SomethingHappened(thing_id=2))
                raise ValueError
        except ValueError:
            pass

    # then
    assert {event.thing_id for _name, event in received} == {1}


@pytest.mark.django_db
def test_events_dispatch_on_commit_inside_a_test_transaction(received, on_commit):
    # when
    with on_commit(execute=True) as callbacks:
        publish(SomethingHappened(thing_id=3))

    # then
    assert len(callbacks) == 1
    assert [name for name, _event in received] == ["first", "second"]


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_events_dispatch_at_once(received):
    # when (autocommit: there is nothing to wait for)
    publish(SomethingHappened(thing_id=4))

    # then
    assert [name for name, _event in received] == ["first", "second"]


@pytest.mark.django_db(transaction=True)
def test_a_failing_handler_does_not_stop_the_others(received, caplog):
    # given: a handler that fails, subscribed before the recording ones' turn comes
    def broken(event):
        raise RuntimeError("boom")

    events._handlers[SomethingHappened].insert(0, broken)

    # when
    with caplog.at_level(logging.ERROR, logger="cocreate.core.events"), transaction.atomic():
        publish(SomethingHappened(thing_id=5))

    # then: the others ran, and the failure is logged with its traceback
    assert [name for name, _event in received] == ["first", "second"]
    assert any("boom" in (r.exc_text or "") or r.exc_info for r in caplog.records)


@pytest.mark.django_db(transaction=True)
def test_handlers_of_a_base_event_receive_its_subclasses_but_not_other_events(received):
    # when
    with transaction.atomic():
        publish(SomethingSpecialHappened(thing_id=6))
        publish(SomethingElse())

    # then
    assert [event for _name, event in received] == [SomethingSpecialHappened(6), SomethingSpecialHappened(6)]


def test_subscribing_the_same_handler_twice_registers_it_once(received):
    # given
    def handler(event):
        pass

    # when
    subscribe(SomethingElse)(handler)
    subscribe(SomethingElse)(handler)

    # then
    assert events._handlers[SomethingElse].count(handler) == 1


def test_events_are_frozen():
    # given
    event = SomethingHappened(thing_id=7)

    # when / then
    with pytest.raises(AttributeError):
        event.thing_id = 8  # type: ignore[misc]
