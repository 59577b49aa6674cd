"""Uploaded images: verified with Pillow, re-encoded (which drops EXIF and any payload), resized, thumbnailed."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from cocreate.core.errors import ApplicationError

ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
THUMBNAIL_SIZE = (480, 360)


@dataclass
class ProcessedImage:
    image: ContentFile
    thumbnail: ContentFile
    width: int
    height: int


def process_image(upload, *, field: str = "images", thumbnail_size: tuple[int, int] = THUMBNAIL_SIZE) -> ProcessedImage:
    """Turn an upload into a clean image and thumbnail, or raise ApplicationError with a clear message."""
    name = getattr(upload, "name", "image")
    size = getattr(upload, "size", None)
    if size is not None and size > settings.IDEA_IMAGE_MAX_BYTES:
        raise ApplicationError(
            _("“%(name)s” is %(size)s; images can be at most %(max)s.")
            % {
                "name": name,
                "size": filesizeformat(size),
                "max": filesizeformat(settings.IDEA_IMAGE_MAX_BYTES),
            },
            code="image_too_large",
            field=field,
        )
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            probe.verify()
        img = Image.open(io.BytesIO(data))
        if img.width * img.height > settings.IDEA_IMAGE_MAX_PIXELS:
            raise ApplicationError(
                _("“%(name)s” has too many pixels.") % {"name": name}, code="image_too_large", field=field
            )
        img.load()
    except ApplicationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ApplicationError(
            _("“%(name)s” is not an image we can read (JPEG, PNG, GIF or WebP).") % {"name": name},
            code="not_an_image",
            field=field,
        ) from exc
    if fmt not in ALLOWED_FORMATS:
        raise ApplicationError(
            _("“%(name)s” is a %(fmt)s file; use JPEG, PNG, GIF or WebP.") % {"name": name, "fmt": fmt},
            code="unsupported_image_format",
            field=field,
        )
    img = ImageOps.exif_transpose(img)  # respect camera rotation before the EXIF is dropped
    has_alpha = img.mode in ("RGBA", "LA", "P") and ("transparency" in img.info or img.mode != "P")
    img = img.convert("RGBA" if has_alpha else "RGB")
    img.thumbnail((settings.IDEA_IMAGE_MAX_SIDE, settings.IDEA_IMAGE_MAX_SIDE))
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
