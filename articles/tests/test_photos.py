"""Uploaded photos (newsroom/photos.py) and their renditions (articles/renditions.py), with real Pillow images."""

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article
from articles.tests.factories import make_article, make_reporter, make_section
from newsroom.photos import validate_photo

GPS_IFD = 0x8825


def upload(data, name="photo.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def exif_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Reporter's phone"  # Model
    exif[GPS_IFD] = {1: "N", 2: (26.0, 8.0, 30.0), 3: "E", 4: (91.0, 44.0, 10.0)}
    return exif


def png_claiming_size(width, height):
    """A tiny PNG file whose header claims `width`×`height` pixels: a decompression bomb."""
    buffer = io.BytesIO()
    Image.new("L", (16, 16)).save(buffer, format="PNG")
    data = bytearray(buffer.getvalue())
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr) & 0xFFFFFFFF)
    return bytes(data)


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_jpeg_png_and_webp_photos_are_accepted(photo_bytes, image_format):
    validate_photo(upload(photo_bytes(640, 480, image_format=image_format)))


@pytest.mark.parametrize("image_format", ["GIF", "BMP", "TIFF"])
def test_other_image_types_are_refused(photo_bytes, image_format):
    with pytest.raises(ValidationError) as error:
        validate_photo(upload(photo_bytes(64, 64, image_format=image_format)))
    assert error.value.code == "photo_format"


def test_a_file_that_is_not_an_image_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_photo(upload(b"%PDF-1.4 definitely not a photo" * 10, "photo.jpg"))
    assert error.value.code == "photo_invalid"


def test_a_truncated_photo_is_refused(photo_bytes):
    data = photo_bytes(400, 300)
    with pytest.raises(ValidationError):
        validate_photo(upload(data[: len(data) // 3]))


def test_a_photo_over_the_size_limit_is_refused(photo_bytes, settings):
    data = photo_bytes(400, 300)
    settings.PHOTO_MAX_BYTES = len(data) - 1
    with pytest.raises(ValidationError) as error:
        validate_photo(upload(data))
    assert error.value.code == "photo_too_large"


def test_a_photo_with_too_many_pixels_is_refused(photo_bytes, settings):
    settings.PHOTO_MAX_PIXELS = 300 * 200
    validate_photo(upload(photo_bytes(300, 200)))
    with pytest.raises(ValidationError) as error:
        validate_photo(upload(photo_bytes(301, 200)))
    assert error.value.code == "photo_too_many_pixels"


def test_a_tiny_photo_is_refused(photo_bytes):
    with pytest.raises(ValidationError) as error:
        validate_photo(upload(photo_bytes(10, 10)))
    assert error.value.code == "photo_too_small"


def test_a_decompression_bomb_is_refused_without_being_decoded():
    bomb = png_claiming_size(40_000, 40_000)  # 1.6 billion pixels in a file of under 100 bytes
    assert len(bomb) < 200
    with pytest.raises(ValidationError) as error:
        validate_photo(upload(bomb, "bomb.png"))
    assert error.value.code == "photo_bomb"


def test_a_photo_just_over_pillows_warning_limit_is_refused_too(monkeypatch, photo_bytes):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100 * 100)
    with pytest.raises(ValidationError) as error:
        validate_photo(upload(photo_bytes(150, 100)))  # between the warning and the error limit
    assert error.value.code == "photo_bomb"


@pytest.mark.django_db
def test_a_lead_photo_is_validated_by_the_model(photo_bytes):
    article = Article(headline="x", slug="x", section=make_section(), lead_photo=upload(photo_bytes(64, 64, "GIF")))
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "lead_photo" in error.value.message_dict


@pytest.mark.django_db
def test_gps_position_and_camera_details_never_reach_readers(photo_bytes):
    original = photo_bytes(800, 600, exif=exif_with_gps())
    with Image.open(io.BytesIO(original)) as image:
        assert image.getexif().get_ifd(GPS_IFD)  # the upload really carries a GPS position

    article = make_article(photo=original)
    reporter = make_reporter(photo=photo_bytes(300, 300, exif=exif_with_gps()))

    for field_file in (article.lead_photo, reporter.photo):
        stored = Path(field_file.path).read_bytes()
        with Image.open(io.BytesIO(stored)) as image:
            assert image.size in {(800, 600), (300, 300)}
            exif = image.getexif()
            assert not exif.get_ifd(GPS_IFD)
            assert 0x010F not in exif and 0x0110 not in exif
            assert "exif" not in image.info
        assert b"PhoneMaker" not in stored and b"Reporter's phone" not in stored
    assert (article.lead_photo_width, article.lead_photo_height) == (800, 600)


# --- Renditions --------------------------------------------------------------------------------------


def _srcset_urls(html, kind):
    pattern = r'<source type="image/webp" srcset="([^"]+)"' if kind == "webp" else r'<img src="[^"]+" srcset="([^"]+)"'
    return [part.strip().split(" ") for part in re.search(pattern, html).group(1).split(",")]


@pytest.mark.django_db
def test_story_photo_is_served_as_webp_and_jpeg_renditions_in_several_widths(client, photo_bytes, settings):
    article = make_article(photo=photo_bytes(1600, 900), photo_alt="Boats on the river")
    html = client.get(article.get_absolute_url()).content.decode()
    figure = html.split('<figure class="story-photo')[1].split("</figure>")[0]
    assert 'width="1600" height="900"' in figure and 'alt="Boats on the river"' in figure
    assert 'sizes="' in figure
    assert 'loading="lazy"' not in figure and 'fetchpriority="high"' in figure  # the lead photo comes first
    for kind, expected_format in (("webp", "WEBP"), ("jpeg", "JPEG")):
        candidates = _srcset_urls(figure, kind)
        assert [width for _url, width in candidates] == ["320w", "640w", "960w", "1280w"]
        for url, width in candidates:
            path = Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL).removeprefix("/media/")
            with Image.open(path) as image:
                assert image.format == expected_format
                assert image.width == int(width[:-1])
                assert image.height == round(900 * image.width / 1600)


@pytest.mark.django_db
def test_renditions_are_made_once_and_kept(client, photo_bytes, settings):
    article = make_article(photo=photo_bytes(1000, 600))
    client.get(article.get_absolute_url())
    files = sorted((Path(settings.MEDIA_ROOT) / "CACHE").rglob("*.*"))
    assert len(files) >= 8
    stamps = {path: path.stat().st_mtime_ns for path in files}
    from django.core.cache import cache

    cache.clear()  # even with a cold cache nothing is drawn again
    client.get(article.get_absolute_url())
    client.get("/")
    assert {path: path.stat().st_mtime_ns for path in files} == stamps


@pytest.mark.django_db
def test_a_small_photo_is_never_upscaled(client, photo_bytes):
    article = make_article(photo=photo_bytes(500, 300))
    html = client.get(article.get_absolute_url()).content.decode()
    widths = [width for _url, width in _srcset_urls(html.split('<figure class="story-photo')[1], "jpeg")]
    assert widths == ["320w", "500w"]


@pytest.mark.django_db
def test_photos_below_the_fold_load_lazily(client, photo_bytes):
    section = make_section(slug="assam")
    for _ in range(3):
        make_article(section=section, photo=photo_bytes(800, 450))
    html = client.get("/section/assam/").content.decode()
    images = re.findall(r"<img [^>]+>", html.split("<main")[1])
    assert len(images) == 3
    assert all('loading="lazy"' in img and "width=" in img and "height=" in img for img in images)

    home = client.get("/").content.decode()
    lead = home.split('aria-labelledby="lead-heading"')[1].split("</section>")[0]
    assert 'fetchpriority="high"' in lead and 'loading="lazy"' not in lead.split("<h2")[0]


@pytest.mark.django_db
def test_reporter_portrait_is_a_small_square_rendition(client, photo_bytes, settings):
    reporter = make_reporter(photo=photo_bytes(600, 400))
    html = client.get(reporter.get_absolute_url()).content.decode()
    url = re.search(r'<img src="([^"]+)"[^>]*class="reporter-portrait', html).group(1)
    with Image.open(Path(settings.MEDIA_ROOT) / url.removeprefix("/media/")) as image:
        assert image.size == (96, 96)


@pytest.mark.django_db
def test_a_photo_file_lost_from_storage_costs_the_photo_not_the_page(client, photo_bytes):
    article = make_article(photo=photo_bytes(800, 600), headline="Story without its file")
    Path(article.lead_photo.path).unlink()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Story without its file" in response.content.decode()


@pytest.mark.django_db
def test_renditions_are_prepared_when_the_story_is_saved_not_on_a_readers_visit(
    photo_bytes, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_article(photo=photo_bytes(1400, 800))
        make_reporter(photo=photo_bytes(300, 300))
    made = list((Path(settings.MEDIA_ROOT) / "CACHE").rglob("*.*"))
    assert len([p for p in made if "/articles/" in str(p)]) == 8  # 4 widths × WebP and JPEG
    assert len([p for p in made if "/reporters/" in str(p)]) == 4  # 2 sizes × WebP and JPEG
