"""Uploaded photos: what Pillow must find before we keep a file, and how we keep it.

Every photo (lead photos, reporters' portraits) passes `validate_photo` in its form or
model field, and `strip_metadata` before it is written to storage, so no EXIF data (a
reporter's GPS position, their phone's serial number) ever reaches a reader.

Both stay cheap, whatever the photo: the upload's answer never waits for a full decode. The
header is read first and a photo of more than PHOTO_MAX_PIXELS pixels is refused before any
pixel is decoded; Pillow holds at most 4 bytes a pixel, so that is also the memory bound of one
decoded photo (40 million pixels: 160 MB). A JPEG is checked by decoding it at an eighth of its
size (every byte is still read, so a truncated file is still refused), a PNG by reading every
chunk to the end and checking its CRC. Metadata is removed by copying the file without its
metadata segments (JPEG) or chunks (PNG); only a photo that must be turned by its orientation
tag, a JPEG that is not RGB or greyscale, and WebP are decoded and written again. Renditions are
made by the worker (articles/renditions.py), which decodes a photo once through
`open_within_bounds`.
"""

import io
import os
import warnings
from contextlib import contextmanager

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
        # verify() reads a PNG's every chunk (a truncated one fails there) but decodes no pixel: a JPEG is
        # decoded at an eighth of its size, which still reads it all; a WebP (rare from phones) in full.
        file.seek(0)
        with Image.open(file) as full:
            if full.format == "JPEG":
                full.draft(full.mode, (max(1, width // 8), max(1, height // 8)))
            if full.format != "PNG":
                full.load()
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(_("Upload a valid JPEG, PNG or WebP photo."), code="photo_invalid") from None
    finally:
        file.seek(0)


def strip_metadata(file, name=None):
    """Return a new file with the same picture and none of the metadata.

    A photo whose camera's orientation tag says to turn it is turned first (decoded and written again),
    because the tag itself goes with the rest of the EXIF data; so is a JPEG that is not RGB or greyscale
    (CMYK), and a WebP. Any other JPEG or PNG keeps its picture data byte for byte, without the segments
    or chunks that carry metadata: cheap however large the photo.
    """
    file.seek(0)
    data = file.read()
    with Image.open(io.BytesIO(data)) as image:
        image_format = image.format
        mode = image.mode
        orientation = _jpeg_orientation(image) if image_format == "JPEG" else _png_orientation(data)
    copied = None
    if orientation == 1:
        if image_format == "JPEG" and mode in ("RGB", "L"):
            copied = _jpeg_without_metadata(data)
        elif image_format == "PNG":
            copied = _png_without_metadata(data)
    content = copied if copied is not None else _redrawn(data)
    stem = os.path.splitext(os.path.basename(name or getattr(file, "name", "") or "photo"))[0] or "photo"
    return ContentFile(content, name=f"{stem}.{ALLOWED_FORMATS[image_format]}")


ORIENTATION = 0x0112


def _jpeg_orientation(image):
    """The orientation the EXIF data gives (1 when none), read with the header: no pixel is decoded."""
    try:
        return image.getexif().get(ORIENTATION, 1)
    except (SyntaxError, ValueError, OSError):
        return 0  # unreadable: redrawn, which drops it


def _redrawn(data):
    """The picture drawn on a new image, turned the way its orientation tag says, saved again."""
    with Image.open(io.BytesIO(data)) as image:
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
    return buffer.getvalue()


# JPEG markers that carry no picture: APP0-APP15 (JFIF, EXIF, XMP, ICC, Photoshop/IPTC…) and comments.
# APP14 "Adobe" stays: it says how the colours were encoded.
_JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}


def _jpeg_without_metadata(data):
    """The JPEG without its application segments and comments, or None when it does not parse."""
    if data[:2] != b"\xff\xd8":
        return None
    parts, pos = [data[:2]], 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in _JPEG_STANDALONE:
            parts.append(data[pos : pos + 2])
            pos += 2
            continue
        if marker == 0xDA:  # start of scan: the picture itself, to the end
            parts.append(data[pos:])
            return b"".join(parts)
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        segment = data[pos : pos + 2 + length]
        if len(segment) < 2 + length or length < 2:
            return None
        metadata = 0xE0 <= marker <= 0xEF or marker == 0xFE
        if not metadata or (marker == 0xEE and segment[4:9] == b"Adobe"):
            parts.append(segment)
        pos += 2 + length
    return None


# PNG chunks that make the picture; every other chunk (text, EXIF, time, ICC profile, animation) goes.
_PNG_KEPT = {b"IHDR", b"PLTE", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"pHYs", b"IDAT", b"IEND"}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_chunks(data):
    pos = len(_PNG_SIGNATURE)
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        yield kind, data[pos : pos + 12 + length]
        pos += 12 + length
        if kind == b"IEND":
            return


def _png_orientation(data):
    """The orientation an eXIf chunk gives (1 when none): read without decoding the picture."""
    if not data.startswith(_PNG_SIGNATURE):
        return 1
    for kind, chunk in _png_chunks(data):
        if kind == b"eXIf":
            exif = Image.Exif()
            try:
                exif.load(chunk[8:-4])
            except (SyntaxError, ValueError, OSError):
                return 0  # unreadable: redrawn, which drops it
            return exif.get(ORIENTATION, 1)
    return 1


def _png_without_metadata(data):
    """The PNG with only the chunks that make its picture, or None when it does not parse."""
    if not data.startswith(_PNG_SIGNATURE):
        return None
    chunks = list(_png_chunks(data))
    if not chunks or chunks[-1][0] != b"IEND":
        return None
    return _PNG_SIGNATURE + b"".join(chunk for kind, chunk in chunks if kind in _PNG_KEPT)


class PhotoTooLarge(ValueError):
    """A stored photo with more pixels than PHOTO_MAX_PIXELS: it is never decoded."""


@contextmanager
def open_within_bounds(file, *, largest=None):
    """Open and decode a stored photo, refusing it before decoding when it has more than PHOTO_MAX_PIXELS pixels.

    With `largest` (the widest rendition to be made from it), the photo is decoded no larger than twice
    that on its shorter side: a JPEG straight from the file at a half, a quarter or an eighth of its size,
    anything else reduced by a whole factor (a box filter) once decoded.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(file)
        except Image.DecompressionBombWarning as warning:
            raise PhotoTooLarge(str(warning)) from None
    try:
        width, height = image.size
        if width * height > settings.PHOTO_MAX_PIXELS:
            raise PhotoTooLarge(f"{width}×{height} pixels; at most {settings.PHOTO_MAX_PIXELS} are decoded")
        factor = max(1, min(width, height) // (2 * largest)) if largest else 1
        if factor > 1 and image.format == "JPEG":
            image.draft(image.mode, (width // factor, height // factor))
        image.load()
        factor = max(1, min(image.size) // (2 * largest)) if largest else 1
        yield image.reduce(factor) if factor > 1 else image
    finally:
        image.close()


def strip_new_photo(field_file):
    """Replace a just-uploaded, not yet stored file of an ImageField by its clean copy."""
    if field_file and not getattr(field_file, "_committed", True):
        clean = strip_metadata(field_file.file, field_file.name)
        field_file.save(clean.name, clean, save=False)
