"""Fan-out never blocks the request: its query count does not grow with the number of supporters."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks import default_task_backend

from cocreate.core.tasks import run_reactions
from cocreate.notifications.models import Notification
from tests.factories import IdeaFactory, MemberFactory, SupportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def _post_update_queries(client, on_commit, supporters: int) -> tuple[int, object]:
    idea = IdeaFactory()
    for member in MemberFactory.create_batch(supporters, accepted_terms=False):
        SupportFactory(idea=idea, member=member)
    client.force_login(idea.author)
    from tests.factories import AcceptanceFactory, AgreementFactory

    AcceptanceFactory(user=idea.author, agreement=AgreementFactory())
    url = reverse("ideas:post_update", args=[idea.pk])
    # The handlers run after commit; they are counted as part of the request.
    with CaptureQueriesContext(connection) as queries, on_commit(execute=True):
        response = client.post(url, {"title": "Prototype built", "body": "We built a prototype and tested it."})
    assert response.status_code == 302, response.content[:500]
    return len(queries), idea


def test_request_queries_do_not_grow_with_supporters(client, on_commit, queued_tasks):
    few, _ = _post_update_queries(client, on_commit, 3)
    many, idea = _post_update_queries(client, on_commit, 40)
    assert few == many
    # The request only enqueued the event's reactions (the fan-out among them); the task does the work.
    results = [r for r in queued_tasks.results if r.task.name == run_reactions.name]
    assert len(results) == 2
    assert not Notification.objects.exists()
    last = results[-1]
    summary = run_reactions.call(*last.args, **last.kwargs)
    assert summary["failed"] == 0 and summary["done"] >= 1
    assert Notification.objects.filter(idea=idea).count() == 40
