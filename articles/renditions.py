"""Photo renditions through django-imagekit: several widths, WebP with a JPEG fallback.

Each rendition is generated the first time a page asks for it and kept in imagekit's cache
files (MEDIA_ROOT/CACHE/images/…), named from the source photo, so it is made once.
"""

from dataclasses import dataclass

from imagekit import ImageSpec, register
from imagekit.cachefiles import ImageCacheFile
from imagekit.cachefiles.namers import source_name_as_path
from imagekit.processors import ResizeToFill, ResizeToFit

WIDTHS = (320, 640, 960, 1280)
PORTRAIT_SIZES = (96, 192)
FORMATS = {
    "webp": ("WEBP", "image/webp", {"quality": 78}),
    "jpeg": ("JPEG", "image/jpeg", {"quality": 80, "optimize": True, "progressive": True}),
}


def _spec(name, processors, image_format, options):
    return type(name, (ImageSpec,), {"processors": processors, "format": image_format, "options": options})


WIDE_SPECS = {
    (width, kind): _spec(f"Width{width}{kind.title()}", [ResizeToFit(width=width, upscale=False)], fmt, options)
    for width in WIDTHS
    for kind, (fmt, _mime, options) in FORMATS.items()
}
SQUARE_SPECS = {
    (size, kind): _spec(f"Square{size}{kind.title()}", [ResizeToFill(size, size)], fmt, options)
    for size in PORTRAIT_SIZES
    for kind, (fmt, _mime, options) in FORMATS.items()
}


# imagekit makes a missing file on demand only for registered generators.
for (_size, _kind), _spec_class in [*WIDE_SPECS.items(), *SQUARE_SPECS.items()]:
    register.generator(f"articles:{_spec_class.__name__.lower()}", _spec_class)


def rendition(spec_class, source):
    generator = spec_class(source=source)
    return ImageCacheFile(generator, name=source_name_as_path(generator))


@dataclass
class Picture:
    """What a <picture> element needs: a srcset per format, a fallback src, the intrinsic size."""

    webp_srcset: str
    jpeg_srcset: str
    src: str
    width: int
    height: int


# Pictures already worked out in this process, by (storage, file name, size, max width). A stored photo's
# name never changes its content (uploads get new names), and its renditions are made once and
# kept, so the answer never goes stale; it saves imagekit's hashing and file checks on each page.
_known_pictures = {}
_KNOWN_PICTURES_LIMIT = 4096


def picture_for(photo, *, width=None, height=None, max_width=1280):
    """The renditions of a wide photo (an ImageField file) up to `max_width` pixels wide.

    `width`/`height` are the photo's stored dimensions; no rendition is wider than the photo.
    Returns None when there is no photo.
    """
    if not photo:
        return None
    width = width or photo.width
    height = height or photo.height
    key = (getattr(photo.storage, "location", ""), photo.name, width, height, max_width)
    picture = _known_pictures.get(key)
    if picture is None:
        if len(_known_pictures) >= _KNOWN_PICTURES_LIMIT:
            _known_pictures.clear()
        picture = _known_pictures[key] = _work_out_picture(photo, width=width, height=height, max_width=max_width)
    return picture


def _work_out_picture(photo, *, width, height, max_width):
    width = width or photo.width
    height = height or photo.height
    # Every standard width below the photo's own, then one rendition at the photo's full width
    # (the next larger spec does not upscale); none wider than max_width.
    targets = [w for w in WIDTHS if w < width and w <= max_width]
    larger = [w for w in WIDTHS if w >= width and w <= max_width]
    if larger:
        targets.append(larger[0])
    targets = targets or [min(WIDTHS)]
    sets = {}
    for kind in FORMATS:
        sets[kind] = [(rendition(WIDE_SPECS[(target, kind)], photo).url, min(target, width)) for target in targets]
    fallback = sets["jpeg"][min(1, len(sets["jpeg"]) - 1)][0]
    return Picture(
        webp_srcset=", ".join(f"{url} {w}w" for url, w in sets["webp"]),
        jpeg_srcset=", ".join(f"{url} {w}w" for url, w in sets["jpeg"]),
        src=fallback,
        width=width,
        height=height,
    )


def portrait_for(photo, *, size=96):
    """Square renditions of a reporter's portrait, shown `size` CSS pixels wide (1x and 2x)."""
    if not photo:
        return None
    urls = {kind: [rendition(SQUARE_SPECS[(s, kind)], photo).url for s in PORTRAIT_SIZES] for kind in FORMATS}
    return Picture(
        webp_srcset=f"{urls['webp'][0]} 1x, {urls['webp'][1]} 2x",
        jpeg_srcset=f"{urls['jpeg'][0]} 1x, {urls['jpeg'][1]} 2x",
        src=urls["jpeg"][0],
        width=size,
        height=size,
    )


def prepare_renditions(instance, **kwargs):
    """Make a saved story's (or reporter's) renditions once the save commits, not on a reader's first visit."""
    import logging

    from django.db import transaction

    def make():
        try:
            if getattr(instance, "lead_photo", None):
                picture_for(instance.lead_photo, width=instance.lead_photo_width, height=instance.lead_photo_height)
            if getattr(instance, "photo", None):
                portrait_for(instance.photo)
        except (OSError, ValueError, SyntaxError) as error:
            logging.getLogger(__name__).warning("Could not prepare renditions for %r: %s", instance, error)

    transaction.on_commit(make)


def connect_signals():
    from django.db.models.signals import post_save

    from accounts.models import Reporter
    from articles.models import Article

    post_save.connect(prepare_renditions, sender=Article, dispatch_uid="renditions-article")
    post_save.connect(prepare_renditions, sender=Reporter, dispatch_uid="renditions-reporter")
