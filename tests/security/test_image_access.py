"""F9: images removed from an idea, and images of drafts, stayed downloadable by anyone with the URL. Idea images are
now served through a view that checks the idea's visibility, and a removed image's files are deleted."""

import pytest
from django.core.files.storage import default_storage

from cocreate.accounts.models import Role
from cocreate.ideas import services as ideas
from cocreate.ideas.lifecycle import IdeaStatus
from tests.factories import IdeaFactory, MemberFactory, image_upload, staff

pytestmark = pytest.mark.django_db


def _idea_with_image(status=IdeaStatus.PUBLISHED):
    idea = IdeaFactory(status=status)
    ideas.idea_edit(actor=idea.author, idea=idea, title=idea.title, body=idea.body, images=[image_upload()])
    return idea, idea.images.get()


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_published_ideas_images_are_served_to_everyone(client):
    _idea, image = _idea_with_image()
    for url in (image.image.url, image.thumbnail.url):
        response = client.get(url)
        assert response.status_code == 200
        assert _body(response)[:2] == b"\xff\xd8"  # a JPEG
        assert response["Cache-Control"] == "public, max-age=3600"


def test_a_drafts_images_are_served_only_to_its_authors_and_staff(client):
    idea, image = _idea_with_image(status=IdeaStatus.DRAFT)
    for viewer in (None, MemberFactory()):
        client.logout()
        if viewer:
            client.force_login(viewer)
        for url in (image.image.url, image.thumbnail.url):
            assert client.get(url).status_code == 404
    for viewer in (idea.author, staff(Role.ADMIN)):
        client.force_login(viewer)
        response = client.get(image.image.url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"


def test_a_removed_image_is_gone_for_everyone(client, django_capture_on_commit_callbacks):
    idea, image = _idea_with_image()
    url, names = image.image.url, (image.image.name, image.thumbnail.name)
    assert client.get(url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        ideas.idea_edit(actor=idea.author, idea=idea, title=idea.title, body=idea.body, remove_image_ids=[image.pk])

    client.force_login(idea.author)
    assert client.get(url).status_code == 404
    assert not any(default_storage.exists(name) for name in names)


def test_a_file_left_in_the_media_directory_is_not_served(client):
    default_storage.save("ideas/2020/01/orphan.jpg", image_upload())
    assert client.get("/media/ideas/2020/01/orphan.jpg").status_code == 404


def test_behind_nginx_the_proxy_sends_the_file_after_the_check(client, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    _idea, image = _idea_with_image()
    response = client.get(image.image.url)
    assert response["X-Accel-Redirect"] == f"/protected-media/{image.image.name}"
    _draft, hidden = _idea_with_image(status=IdeaStatus.DRAFT)
    assert client.get(hidden.image.url).status_code == 404
