"""Uploaded photos: what Pillow must find before we keep a file, and how we keep it.

Every photo (lead photos, reporters' portraits) passes `validate_photo` in its form or
model field, and `strip_metadata` before it is written to storage, so no EXIF data (a
reporter's GPS position, their phone's serial number) ever reaches a reader.
"""

import io
import os
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def _open(file):
    file.seek(0)
    with warnings.catch_warnings():
        # A DecompressionBombWarning is as bad as the error: refuse both.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = Image.open(file)
        image.verify()
    file.seek(0)
    return image


def validate_photo(file):
    """Refuse anything that is not a JPEG, PNG or WebP photo within our size limits.

    A file already in storage passed this check when it was uploaded; saving its object again (a
    corrected headline) keeps it as it is, and is not asked to read it back: the field may have
    closed it after measuring it (width_field and height_field do).
    """
    if getattr(file, "_committed", False):
        return
    size = getattr(file, "size", None)
    if size is not None and size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(
            _("The photo is too large (%(size)s MB); the limit is %(limit)s MB."),
            code="photo_too_large",
            params={"size": round(size / 1_048_576, 1), "limit": settings.PHOTO_MAX_BYTES // 1_048_576},
        )
    try:
        image = _open(file)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("The photo has too many pixels to be processed."), code="photo_bomb") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("Upload a valid JPEG, PNG or WebP photo."), code="photo_invalid") from None
    if image.format not in ALLOWED_FORMATS:
        raise ValidationError(_("Only JPEG, PNG and WebP photos are accepted."), code="photo_format")
    width, height = image.size
    if width * height > settings.PHOTO_MAX_PIXELS:
        raise ValidationError(
            _("The photo is %(width)s×%(height)s pixels; at most %(limit)s million pixels are accepted."),
            code="photo_too_many_pixels",
            params={"width": width, "height": height, "limit": settings.PHOTO_MAX_PIXELS // 1_000_000},
        )
    if width < 16 or height < 16:
        raise ValidationError(_("The photo is too small."), code="photo_too_small")
    try:
        # verify() does not decode the pixels: a truncated upload would only fail later, on a page.
        file.seek(0)
        with Image.open(file) as full:
            full.load()
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(_("Upload a valid JPEG, PNG or WebP photo."), code="photo_invalid") from None
    finally:
        file.seek(0)


def strip_metadata(file, name=None):
    """Return a new file with the same picture and none of the metadata.

    The picture is turned the way the camera's orientation tag says first, because the tag
    itself goes with the rest of the EXIF data.
    """
    file.seek(0)
    with Image.open(file) as image:
        image_format = image.format
        image = ImageOps.exif_transpose(image)
        if image_format == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        clean = Image.new(image.mode, image.size)
        clean.paste(image)
        if image.mode == "P" and image.getpalette():
            clean.putpalette(image.getpalette())
    buffer = io.BytesIO()
    options = {"JPEG": {"quality": 88, "optimize": True}, "PNG": {"optimize": True}, "WEBP": {"quality": 85}}
    clean.save(buffer, format=image_format, **options[image_format])
    stem = os.path.splitext(os.path.basename(name or getattr(file, "name", "") or "photo"))[0] or "photo"
    return ContentFile(buffer.getvalue(), name=f"{stem}.{ALLOWED_FORMATS[image_format]}")


def strip_new_photo(field_file):
    """Replace a just-uploaded, not yet stored file of an ImageField by its clean copy."""
    if field_file and not getattr(field_file, "_committed", True):
        clean = strip_metadata(field_file.file, field_file.name)
        field_file.save(clean.name, clean, save=False)
