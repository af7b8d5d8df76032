"""The demo's photos, drawn by Pillow (the demo site itself: newsroom/tests/test_demo_site.py)."""


def thumbnail(jpeg):
    import io

    from PIL import Image

    return Image.open(io.BytesIO(jpeg)).convert("RGB").resize((64, 36))


def difference(a, b):
    """How far two pictures are apart: the mean difference of their pixels, 0 (same) to 255."""
    from PIL import ImageChops, ImageStat

    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def test_demo_photos_differ_by_section_and_by_story_and_are_the_same_on_every_run():
    from articles.demo import SECTIONS
    from articles.demo_photos import draw_photo

    photos = {
        (slug, seed): thumbnail(draw_photo(slug, seed, colour))
        for _name, slug, _description, colour in SECTIONS
        for seed in (3, 4)
    }
    pairs = [(a, b) for a in photos for b in photos if a < b]
    closest = min(pairs, key=lambda pair: difference(photos[pair[0]], photos[pair[1]]))
    assert difference(photos[closest[0]], photos[closest[1]]) > 8, closest
    assert draw_photo("assam", 3) == draw_photo("assam", 3)
