"""Uploaded images are verified, re-encoded without metadata, bounded in size and thumbnailed."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cocreate.core.errors import ApplicationError
from cocreate.core.images import THUMBNAIL_SIZE, process_image
from tests.factories import image_upload

MAKE, GPS_INFO, ORIENTATION = 0x010F, 0x8825, 0x0112


def _exif(**tags) -> Image.Exif:
    exif = Image.Exif()
    for tag, value in tags.items():
        exif[{"make": MAKE, "orientation": ORIENTATION}[tag]] = value
    return exif


def _open(content_file) -> Image.Image:
    content_file.seek(0)
    img = Image.open(io.BytesIO(content_file.read()))
    img.load()
    return img


def test_exif_is_stripped_from_a_camera_photo():
    # given: a JPEG carrying the camera make and a GPS block
    exif = _exif(make="SpyCam")
    exif.get_ifd(GPS_INFO)[2] = (48.0, 51.0, 24.0)  # GPSLatitude
    upload = image_upload("holiday.jpg", exif=exif.tobytes())
    assert Image.open(io.BytesIO(upload.read())).getexif()[MAKE] == "SpyCam"
    upload.seek(0)

    # when
    result = process_image(upload)

    # then: neither the image nor the thumbnail keeps any metadata
    for content in (result.image, result.thumbnail):
        img = _open(content)
        assert img.format == "JPEG"
        assert dict(img.getexif()) == {}
        assert "exif" not in img.info
    result.image.seek(0)
    assert b"SpyCam" not in result.image.read()


def test_camera_rotation_is_applied_before_the_exif_is_dropped():
    # given: a landscape sensor image that the camera marks "rotate 90°" (orientation 6)
    upload = image_upload(size=(80, 40), exif=_exif(orientation=6).tobytes())

    # when
    result = process_image(upload)

    # then: it is stored upright, portrait
    assert (result.width, result.height) == (40, 80)
    assert _open(result.image).size == (40, 80)


def test_thumbnail_has_the_standard_size_and_can_be_asked_for_another():
    # given
    upload = image_upload(size=(1000, 500))

    # when
    standard = process_image(upload)
    upload.seek(0)
    custom = process_image(upload, thumbnail_size=(100, 100))

    # then
    assert _open(standard.thumbnail).size == THUMBNAIL_SIZE
    assert _open(custom.thumbnail).size == (100, 100)
    assert (standard.width, standard.height) == (1000, 500)


def test_large_images_are_scaled_down_to_the_maximum_side(settings):
    # given
    settings.IDEA_IMAGE_MAX_SIDE = 200
    upload = image_upload(size=(800, 400))

    # when
    result = process_image(upload)

    # then: the aspect ratio is kept
    assert (result.width, result.height) == (200, 100)
    assert _open(result.image).size == (200, 100)


def test_png_transparency_is_kept():
    # given
    upload = image_upload("logo.png", fmt="PNG", mode="RGBA", color=(10, 20, 30, 0))

    # when
    result = process_image(upload)

    # then: stored as PNG with its alpha channel, fully transparent pixels still transparent
    img = _open(result.image)
    assert img.format == "PNG"
    assert img.mode == "RGBA"
    assert img.getpixel((0, 0))[3] == 0
    assert result.image.name.endswith(".png")
    assert result.thumbnail.name.endswith("-thumb.png")


def test_opaque_png_becomes_a_jpeg():
    # given
    upload = image_upload("drawing.png", fmt="PNG", mode="RGB")

    # when
    result = process_image(upload)

    # then
    assert _open(result.image).format == "JPEG"
    assert result.image.name.endswith(".jpg")


@pytest.mark.parametrize(
    ("name", "fmt", "mode"),
    [
        ("anim.gif", "GIF", "P"),
        ("photo.webp", "WEBP", "RGB"),
        ("grey.jpg", "JPEG", "L"),
        ("alpha.webp", "WEBP", "RGBA"),
    ],
)
def test_gif_webp_and_greyscale_are_accepted(name, fmt, mode):
    # given
    upload = image_upload(name, fmt=fmt, mode=mode, size=(30, 20))

    # when
    result = process_image(upload)

    # then
    assert (result.width, result.height) == (30, 20)
    assert _open(result.image).format in {"JPEG", "PNG"}


def test_a_text_file_renamed_png_is_refused():
    # given
    upload = SimpleUploadedFile("innocent.png", b"#!/bin/sh\necho not an image\n", content_type="image/png")

    # when
    with pytest.raises(ApplicationError) as refusal:
        process_image(upload, field="cover_image")

    # then
    assert refusal.value.code == "not_an_image"
    assert refusal.value.field == "cover_image"
    assert "innocent.png" in str(refusal.value.message)


def test_a_truncated_image_is_refused():
    # given: a real JPEG cut in half
    data = image_upload(size=(200, 200)).read()
    upload = SimpleUploadedFile("cut.jpg", data[: len(data) // 2])

    # when / then
    with pytest.raises(ApplicationError) as refusal:
        process_image(upload)
    assert refusal.value.code == "not_an_image"


def test_an_image_format_outside_the_list_is_refused():
    # given: a valid BMP
    upload = image_upload("old.bmp", fmt="BMP")

    # when / then
    with pytest.raises(ApplicationError) as refusal:
        process_image(upload)
    assert refusal.value.code == "unsupported_image_format"


def test_an_upload_over_the_byte_limit_is_refused_before_it_is_read(settings):
    # given
    settings.IDEA_IMAGE_MAX_BYTES = 100
    upload = image_upload(size=(200, 200))
    assert upload.size > 100

    # when / then
    with pytest.raises(ApplicationError) as refusal:
        process_image(upload)
    assert refusal.value.code == "image_too_large"
    assert refusal.value.field == "images"
    assert upload.tell() == 0


def test_an_image_with_too_many_pixels_is_refused(settings):
    # given: small on disk, big once decoded
    settings.IDEA_IMAGE_MAX_PIXELS = 10_000
    upload = image_upload("wide.png", fmt="PNG", mode="1", size=(200, 100))

    # when / then
    with pytest.raises(ApplicationError) as refusal:
        process_image(upload)
    assert refusal.value.code == "image_too_large"


def test_a_decompression_bomb_is_refused():
    # given: a few kilobytes of PNG that would decode to 225 million pixels, past Pillow's own bomb guard
    upload = image_upload("bomb.png", fmt="PNG", mode="1", size=(15_000, 15_000), color=0)
    assert upload.size < 200_000
    assert 2 * Image.MAX_IMAGE_PIXELS < 15_000 * 15_000

    # when / then
    with pytest.raises(ApplicationError) as refusal:
        process_image(upload)
    assert refusal.value.code in {"not_an_image", "image_too_large"}
