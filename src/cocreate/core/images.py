"""Uploaded images: verified with Pillow, re-encoded (which drops EXIF and any payload), resized, thumbnailed.

Bounded work per image (security finding F8): the pixel count is read from the file's header (Pillow opens lazily)
and checked against `IDEA_IMAGE_MAX_PIXELS` before anything is decoded; `check_images` does this for every file of a
request before the first one is decoded. A JPEG is decoded at the smallest scale that still covers
`IDEA_IMAGE_MAX_SIDE`; every image is shrunk right after decoding, before rotation and colour conversion copy it.
At most `IMAGE_DECODE_CONCURRENCY` images are decoded at once per process, so the memory a process spends on images
stays under about 4 bytes × `IDEA_IMAGE_MAX_PIXELS` (100 MB at the default 25 megapixels) per decode slot.
"""

from __future__ import annotations

import io
import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from cocreate.core.errors import ApplicationError

ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
THUMBNAIL_SIZE = (480, 360)
DECODE_WAIT_SECONDS = 30

_decode_slots: threading.BoundedSemaphore | None = None
_slots_lock = threading.Lock()


def _slots() -> threading.BoundedSemaphore:
    global _decode_slots
    with _slots_lock:
        if _decode_slots is None:
            _decode_slots = threading.BoundedSemaphore(max(1, settings.IMAGE_DECODE_CONCURRENCY))
        return _decode_slots


def limits_text() -> str:
    """The upload limits in words, for forms to state before they bite."""
    return _("JPEG, PNG, GIF or WebP, up to %(bytes)s and %(mp)s megapixels each (e.g. 6000 × 4000).") % {
        "bytes": filesizeformat(settings.IDEA_IMAGE_MAX_BYTES),
        "mp": f"{settings.IDEA_IMAGE_MAX_PIXELS / 1_000_000:g}",
    }


@dataclass
class ProcessedImage:
    image: ContentFile
    thumbnail: ContentFile
    width: int
    height: int


def _too_large(name: str, size: int, field: str) -> ApplicationError:
    return ApplicationError(
        _("“%(name)s” is %(size)s; images can be at most %(max)s.")
        % {"name": name, "size": filesizeformat(size), "max": filesizeformat(settings.IDEA_IMAGE_MAX_BYTES)},
        code="image_too_large",
        field=field,
    )


def _unreadable(name: str, field: str) -> ApplicationError:
    return ApplicationError(
        _("“%(name)s” is not an image we can read (JPEG, PNG, GIF or WebP).") % {"name": name},
        code="not_an_image",
        field=field,
    )


def _read_header(data: bytes, name: str, field: str) -> tuple[str, int, int]:
    """Format and size from the header only (Pillow's open is lazy: no pixel is decoded here)."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt, width, height = probe.format, probe.width, probe.height
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise _unreadable(name, field) from exc
    if fmt not in ALLOWED_FORMATS:
        raise ApplicationError(
            _("“%(name)s” is a %(fmt)s file; use JPEG, PNG, GIF or WebP.") % {"name": name, "fmt": fmt},
            code="unsupported_image_format",
            field=field,
        )
    if width * height > settings.IDEA_IMAGE_MAX_PIXELS:
        raise ApplicationError(
            _("“%(name)s” is %(width)d × %(height)d pixels; images can have at most %(mp)s megapixels.")
            % {
                "name": name,
                "width": width,
                "height": height,
                "mp": f"{settings.IDEA_IMAGE_MAX_PIXELS / 1_000_000:g}",
            },
            code="image_too_large",
            field=field,
        )
    return fmt, width, height


def check_image(upload, *, field: str = "images") -> None:
    """Refuse an upload by its size on disk and the pixel count in its header, without decoding it."""
    name = getattr(upload, "name", "image")
    size = getattr(upload, "size", None)
    if size is not None and size > settings.IDEA_IMAGE_MAX_BYTES:
        raise _too_large(name, size, field)
    data = upload.read(settings.IDEA_IMAGE_MAX_BYTES + 1)
    upload.seek(0)
    if len(data) > settings.IDEA_IMAGE_MAX_BYTES:
        raise _too_large(name, len(data), field)
    _read_header(data, name, field)


def check_images(uploads: Iterable, *, field: str = "images") -> None:
    """`check_image` for every upload of a request, before any of them is decoded."""
    for upload in uploads:
        check_image(upload, field=field)


def process_image(upload, *, field: str = "images", thumbnail_size: tuple[int, int] = THUMBNAIL_SIZE) -> ProcessedImage:
    """Turn an upload into a clean image and thumbnail, or raise ApplicationError with a clear message."""
    check_image(upload, field=field)
    name = getattr(upload, "name", "image")
    data = upload.read()
    if not _slots().acquire(timeout=DECODE_WAIT_SECONDS):
        raise ApplicationError(
            _("The server is busy with other images; please try again in a minute."), code="busy", field=field
        )
    try:
        return _decode_and_encode(data, name, field, thumbnail_size)
    finally:
        _slots().release()


def _decode_and_encode(data: bytes, name: str, field: str, thumbnail_size: tuple[int, int]) -> ProcessedImage:
    side = settings.IDEA_IMAGE_MAX_SIDE
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()  # checks the structure (PNG chunk checksums) without decoding pixels
        img = Image.open(io.BytesIO(data))
        if img.format == "JPEG":
            img.draft(None, (side, side))  # decode at 1/2, 1/4 or 1/8 scale when that still covers `side`
        img.load()
        img.thumbnail((side, side))  # shrink before rotation and conversion copy the pixels
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise _unreadable(name, field) from exc
    img = ImageOps.exif_transpose(img)  # respect camera rotation before the EXIF is dropped
    has_alpha = img.mode in ("RGBA", "LA", "P") and ("transparency" in img.info or img.mode != "P")
    img = img.convert("RGBA" if has_alpha else "RGB")
    stem = uuid.uuid4().hex
    full = _encode(img, has_alpha)
    thumb_img = ImageOps.fit(img, thumbnail_size)
    thumb = _encode(thumb_img, has_alpha)
    ext = "png" if has_alpha else "jpg"
    return ProcessedImage(
        image=ContentFile(full, name=f"{stem}.{ext}"),
        thumbnail=ContentFile(thumb, name=f"{stem}-thumb.{ext}"),
        width=img.width,
        height=img.height,
    )


def _encode(img: Image.Image, has_alpha: bool) -> bytes:
    out = io.BytesIO()
    if has_alpha:
        img.save(out, format="PNG", optimize=True)
    else:
        img.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
    return out.getvalue()
