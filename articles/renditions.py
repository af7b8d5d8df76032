"""Photo renditions through django-imagekit: several widths, WebP with a JPEG fallback.

The worker makes them (make_photo_renditions, below), once the upload's transaction commits: the upload page
answers at once, and until a photo's renditions exist pages show the original file (with its width
and height), never making a rendition inside a reader's request. They are kept in imagekit's cache
files (MEDIA_ROOT/CACHE/images/…), named from the source photo, so each is made once. The photo is
decoded once for all its renditions, and refused first if it has more than PHOTO_MAX_PIXELS pixels.
"""

import logging
from dataclasses import dataclass

from django.apps import apps
from django.dispatch import Signal
from django_tasks import task
from imagekit import ImageSpec, register
from imagekit.cachefiles import ImageCacheFile
from imagekit.cachefiles.namers import source_name_as_path
from imagekit.processors import ResizeToFill, ResizeToFit

from newsroom.shared.photos import PhotoTooLarge

logger = logging.getLogger(__name__)

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


def _url(cache_file):
    # The storage's own URL: asking the cache file for it would make it, here and now.
    return cache_file.storage.url(cache_file.name)


def _exists(cache_file):
    return cache_file.storage.exists(cache_file.name)


@dataclass
class Picture:
    """What a <picture> element needs: a srcset per format, a fallback src, the intrinsic size.

    Before the renditions exist, only `src` (the original file) and the size are given.
    """

    webp_srcset: str
    jpeg_srcset: str
    src: str
    width: int
    height: int


# Pictures already worked out in this process, by (storage, file name, size, max width). A stored photo's
# name never changes its content (uploads get new names), and its renditions are made once and
# kept, so the answer never goes stale; it saves imagekit's hashing and file checks on each page.
# Only pictures whose renditions all exist are kept: until then each page looks again.
_known_pictures = {}
_KNOWN_PICTURES_LIMIT = 4096


def _remember(key, picture):
    if len(_known_pictures) >= _KNOWN_PICTURES_LIMIT:
        _known_pictures.clear()
    _known_pictures[key] = picture
    return picture


def _original(photo, *, width, height):
    return Picture(webp_srcset="", jpeg_srcset="", src=photo.url, width=width, height=height)


def wide_targets(width, max_width=1280):
    """The rendition widths of a photo `width` pixels wide: every standard width below its own, then one
    at its full width (the next larger spec does not upscale); none wider than max_width."""
    targets = [w for w in WIDTHS if w < width and w <= max_width]
    larger = [w for w in WIDTHS if w >= width and w <= max_width]
    if larger:
        targets.append(larger[0])
    return targets or [min(WIDTHS)]


def picture_for(photo, *, width=None, height=None, max_width=1280):
    """The renditions of a wide photo (an ImageField file) up to `max_width` pixels wide, or the original
    while they are still being made.

    `width`/`height` are the photo's stored dimensions; no rendition is wider than the photo.
    Returns None when there is no photo.
    """
    if not photo:
        return None
    width = width or photo.width
    height = height or photo.height
    key = (getattr(photo.storage, "location", ""), photo.name, width, height, max_width)
    picture = _known_pictures.get(key)
    if picture is not None:
        return picture
    targets = wide_targets(width, max_width)
    files = {kind: [(rendition(WIDE_SPECS[(t, kind)], photo), min(t, width)) for t in targets] for kind in FORMATS}
    if not all(_exists(file) for pairs in files.values() for file, _w in pairs):
        return _original(photo, width=width, height=height)
    sets = {kind: [(_url(file), w) for file, w in pairs] for kind, pairs in files.items()}
    fallback = sets["jpeg"][min(1, len(sets["jpeg"]) - 1)][0]
    return _remember(
        key,
        Picture(
            webp_srcset=", ".join(f"{url} {w}w" for url, w in sets["webp"]),
            jpeg_srcset=", ".join(f"{url} {w}w" for url, w in sets["jpeg"]),
            src=fallback,
            width=width,
            height=height,
        ),
    )


def portrait_for(photo, *, size=96):
    """Square renditions of a reporter's portrait, shown `size` CSS pixels wide (1x and 2x), or the
    original (shown square by the page's CSS) while they are still being made."""
    if not photo:
        return None
    key = (getattr(photo.storage, "location", ""), photo.name, "portrait", size)
    picture = _known_pictures.get(key)
    if picture is not None:
        return picture
    files = {kind: [rendition(SQUARE_SPECS[(s, kind)], photo) for s in PORTRAIT_SIZES] for kind in FORMATS}
    if not all(_exists(file) for pair in files.values() for file in pair):
        return _original(photo, width=size, height=size)
    urls = {kind: [_url(file) for file in pair] for kind, pair in files.items()}
    return _remember(
        key,
        Picture(
            webp_srcset=f"{urls['webp'][0]} 1x, {urls['webp'][1]} 2x",
            jpeg_srcset=f"{urls['jpeg'][0]} 1x, {urls['jpeg'][1]} 2x",
            src=urls["jpeg"][0],
            width=size,
            height=size,
        ),
    )


def thumbnail_url(photo, *, width, height):
    """The 320 px JPEG rendition of a photo when it exists, else the original (the desk's previews)."""
    picture = picture_for(photo, width=width, height=height, max_width=320)
    return picture.src if picture is not None else ""


# --- Making them (the worker) ---------------------------------------------------------------------


def wide_specs(width):
    return [WIDE_SPECS[(target, kind)] for target in wide_targets(width) for kind in FORMATS]


def square_specs():
    return [SQUARE_SPECS[(size, kind)] for size in PORTRAIT_SIZES for kind in FORMATS]


def make_renditions(photo, specs, *, largest):
    """Make the missing renditions of `photo` (an ImageField file), decoding it once. Returns how many were made.

    `largest` is the widest rendition asked for: the decoded photo is first reduced (a fast, whole-factor
    box filter) to no more than twice that, so a 40-megapixel photo costs one decode, not one per rendition.
    Raises PhotoTooLarge, before decoding, when the photo has more than PHOTO_MAX_PIXELS pixels.
    """
    from django.core.files.base import ContentFile
    from pilkit.utils import process_image

    from newsroom.shared.photos import open_within_bounds

    missing = [file for file in (rendition(spec, photo) for spec in specs) if not _exists(file)]
    if not missing:
        return 0
    with photo.open("rb") as source, open_within_bounds(source, largest=largest) as image:
        for file in missing:
            spec = file.generator
            content = process_image(image, processors=spec.processors, format=spec.format, options=spec.options)
            file.storage.save(file.name, ContentFile(content.read()))
    return len(missing)


def make_picture(photo, *, width):
    """Every rendition a wide photo of `width` pixels needs, on any page."""
    return make_renditions(photo, wide_specs(width), largest=min(wide_targets(width)[-1], width))


def make_portrait(photo):
    return make_renditions(photo, square_specs(), largest=max(PORTRAIT_SIZES))


# Sent once a story's or reporter's renditions have been made (sender: its model, instance: it), so pages
# cached with the original photo are made again (articles/caching.py).
renditions_made = Signal()


def make_renditions_of(instance):
    """Make the renditions of a story's lead photo or a reporter's portrait (the worker's task)."""
    made = 0
    if getattr(instance, "lead_photo", None):
        made += make_picture(instance.lead_photo, width=instance.lead_photo_width or instance.lead_photo.width)
    if getattr(instance, "photo", None):
        made += make_portrait(instance.photo)
    if made:
        renditions_made.send(sender=type(instance), instance=instance)
    return made


def renditions_missing(instance):
    if getattr(instance, "lead_photo", None):
        width, height = instance.lead_photo_width, instance.lead_photo_height
        return not picture_for(instance.lead_photo, width=width, height=height).webp_srcset
    if getattr(instance, "photo", None):
        return not portrait_for(instance.photo).webp_srcset
    return False


def prepare_renditions(instance, **kwargs):
    """Once a saved story's (or reporter's) photo is committed, ask the worker for its renditions."""
    from django.db import transaction

    try:
        missing = renditions_missing(instance)
    except (OSError, ValueError) as error:
        logger.warning("Could not look for the renditions of %r: %s", instance, error)
        return
    if missing:
        label = instance._meta.label_lower
        transaction.on_commit(lambda: _enqueue(label, instance.pk), robust=True)


def _enqueue(label, pk):
    make_photo_renditions.enqueue(label, pk)


# Only these models have photos with renditions (articles/renditions.py connect_signals).
PHOTO_MODELS = {"articles.article", "accounts.reporter"}


@task()
def make_photo_renditions(label, pk):
    """Make the renditions of a story's lead photo or a reporter's portrait; pages show the original until then."""
    if label not in PHOTO_MODELS:
        raise ValueError(f"{label} has no photo renditions")
    instance = apps.get_model(label).objects.filter(pk=pk).first()
    if instance is None:
        return 0
    try:
        made = make_renditions_of(instance)
    except (PhotoTooLarge, OSError, SyntaxError) as error:
        # The page keeps showing the original file; nothing to try again.
        logger.warning("No renditions for %s %s: %s", label, pk, error, extra={"event": "renditions_failed"})
        return 0
    logger.info("Made %d renditions for %s %s", made, label, pk, extra={"event": "renditions_made"})
    return made


def connect_signals():
    from django.db.models.signals import post_save

    from accounts.models import Reporter
    from articles.models import Article

    post_save.connect(prepare_renditions, sender=Article, dispatch_uid="renditions-article")
    post_save.connect(prepare_renditions, sender=Reporter, dispatch_uid="renditions-reporter")
