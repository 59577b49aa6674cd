import pytest
from benchmarks.site import views as bench_views
from django.test import RequestFactory

from cocreate.engagement.models import Support
from tests.factories import IdeaFactory, MemberFactory

pytestmark = pytest.mark.django_db


def test_benchmark_baselines_are_not_mounted_by_the_product(client):
    assert client.get("/bench/baseline/").status_code == 404
    assert client.post("/bench/raw-support/?idea=1&member=1").status_code == 404


@pytest.mark.urls("benchmarks.site.urls")
def test_the_benchmark_server_mounts_the_baselines_beside_the_product(client):
    assert client.get("/bench/baseline/").json() == bench_views.FIXED_BODY
    assert client.get("/health/").status_code == 200


def test_raw_support_baseline_toggles_and_keeps_the_count_exact():
    idea, member = IdeaFactory(), MemberFactory()
    request = RequestFactory().post(f"/bench/raw-support/?idea={idea.pk}&member={member.pk}")

    first = bench_views.raw_support_toggle(request)
    idea.refresh_from_db()
    assert first.status_code == 200 and idea.support_count == 1 == Support.objects.count()

    bench_views.raw_support_toggle(request)
    idea.refresh_from_db()
    assert idea.support_count == 0 == Support.objects.count()


def test_raw_support_baseline_refuses_bad_input():
    response = bench_views.raw_support_toggle(RequestFactory().post("/bench/raw-support/?idea=x"))

    assert response.status_code == 400


def test_raw_support_baseline_takes_back_a_support_that_has_a_recorded_origin():
    from cocreate.engagement.models import SupportOrigin
    from tests.factories import SupportFactory

    support = SupportFactory()
    type(support.idea).objects.filter(pk=support.idea_id).update(support_count=1)
    SupportOrigin.objects.create(support=support, ip_hash="a", user_agent_hash="b")
    request = RequestFactory().post(f"/bench/raw-support/?idea={support.idea_id}&member={support.member_id}")

    assert bench_views.raw_support_toggle(request).status_code == 200
    assert not Support.objects.exists() and not SupportOrigin.objects.exists()
