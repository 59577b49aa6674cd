"""F8: a 53 KB PNG of 6000×6600 pixels cost ~3 s of CPU and ~200 MB per image, four per request, and edits were not
limited. Now the pixel count is read from the header and refused above the cap before any pixel is decoded, the cap is
stated in the form, and edits are rate-limited."""

import struct
import time
import zlib
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cocreate.accounts import ratelimit
from cocreate.core.errors import ApplicationError
from cocreate.core.images import process_image
from cocreate.ideas import services as ideas
from cocreate.ideas.forms import IdeaForm
from tests.factories import IdeaFactory, image_upload

pytestmark = pytest.mark.django_db


def _chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def png_bomb(width: int = 6000, height: int = 6600) -> SimpleUploadedFile:
    """A valid 1-bit PNG of width × height black pixels: tiny on disk, ~40 megapixels decoded (the attack's file)."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    idat = zlib.compress(row * height, 9)
    data = (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
        + _chunk(b"IDAT", idat)
        + _chunk(b"IEND", b"")
    )
    return SimpleUploadedFile("bomb.png", data, content_type="image/png")


def test_the_attack_png_is_refused_from_its_header_without_decoding():
    upload = png_bomb()
    assert upload.size < 60_000  # the attack's ~53 KB file

    started = time.process_time()
    refuse_decoding = mock.patch.object(Image.Image, "load", side_effect=AssertionError("decoded"))
    with refuse_decoding as load, pytest.raises(ApplicationError) as refusal:
        process_image(upload)
    assert refusal.value.code == "image_too_large"
    assert "6000 × 6600" in str(refusal.value)
    assert "25 megapixels" in str(refusal.value)
    load.assert_not_called()
    assert time.process_time() - started < 0.5


def test_images_up_to_the_cap_are_still_accepted_and_shrunk(settings):
    settings.IDEA_IMAGE_MAX_PIXELS = 1_000_000
    settings.IDEA_IMAGE_MAX_SIDE = 200
    result = process_image(image_upload("ok.jpg", size=(1000, 1000)))
    assert (result.width, result.height) == (200, 200)


def test_a_request_with_one_bomb_decodes_none_of_its_images(settings):
    idea = IdeaFactory()
    idea.campaign.max_images_per_idea = 4
    idea.campaign.save()
    files = [image_upload(f"ok{i}.jpg") for i in range(3)] + [png_bomb()]
    refuse_decoding = mock.patch.object(Image.Image, "load", side_effect=AssertionError("decoded"))
    with refuse_decoding as load, pytest.raises(ApplicationError) as refusal:
        ideas.idea_edit(actor=idea.author, idea=idea, title=idea.title, body=idea.body, images=files)
    assert refusal.value.code == "image_too_large"
    load.assert_not_called()
    assert idea.images.count() == 0


def test_the_form_states_the_limits_before_they_bite(settings):
    assert "25 megapixels" in str(IdeaForm().fields["images"].help_text)
    settings.IDEA_IMAGE_MAX_PIXELS = 12_000_000
    assert "12 megapixels" in str(IdeaForm().fields["images"].help_text)


def test_idea_edits_are_rate_limited(settings):
    settings.MODERATION_RATE_LIMITS = {"idea_edit": {"member": "3/h", "new": "3/h"}}
    idea = IdeaFactory()
    for n in range(3):
        ideas.idea_edit(actor=idea.author, idea=idea, title=f"Title {n}", body=idea.body)
    with pytest.raises(ratelimit.RateLimited):
        ideas.idea_edit(actor=idea.author, idea=idea, title="One more", body=idea.body)
