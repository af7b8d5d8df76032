"""Uploaded photos (newsroom/shared/photos.py) and their renditions (articles/renditions.py), with real
Pillow images."""

import io
import re
import struct
import time
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article
from articles.tests.factories import make_article, make_reporter, make_section
from newsroom.shared.photos import validate_photo

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
def test_story_photo_is_served_as_webp_and_jpeg_renditions_in_several_widths(
    client, photo_bytes, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the upload commits; the worker makes the renditions
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
def test_renditions_are_made_once_and_kept(client, photo_bytes, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
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
def test_a_small_photo_is_never_upscaled(client, photo_bytes, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
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
def test_reporter_portrait_is_a_small_square_rendition(
    client, photo_bytes, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
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


# --- Renditions are the worker's work -------------------------------------------------------------


@pytest.fixture
def queue(settings):
    """A real task queue (kept in memory): tasks wait for the worker instead of running at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}}
    from django_tasks import default_task_backend

    default_task_backend.clear()
    return default_task_backend


def run_worker(queue):
    results, queue.results = list(queue.results), []
    for result in results:
        result.task.call(*result.args, **result.kwargs)
    return len(results)


def cache_files(settings):
    return list((Path(settings.MEDIA_ROOT) / "CACHE").rglob("*.*"))


@pytest.mark.django_db
def test_until_the_worker_has_made_the_renditions_pages_show_the_original_photo(
    client, photo_bytes, settings, queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(photo=photo_bytes(1600, 900), photo_alt="Boats on the river")
        reporter = make_reporter(photo=photo_bytes(300, 300))

    for _ in range(2):
        html = client.get(article.get_absolute_url()).content.decode()
        figure = html.split('<figure class="story-photo')[1].split("</figure>")[0]
        assert f'<img src="{article.lead_photo.url}" width="1600" height="900"' in figure
        assert "srcset" not in figure and "sizes=" not in figure and "image/webp" not in figure
        portrait = client.get(reporter.get_absolute_url()).content.decode()
        assert f'<img src="{reporter.photo.url}" width="96" height="96"' in portrait
    assert cache_files(settings) == []  # no reader's visit made a rendition

    assert run_worker(queue) == 2
    assert len(cache_files(settings)) == 12  # 4 widths and 2 squares, each in WebP and JPEG
    html = client.get(article.get_absolute_url()).content.decode()
    figure = html.split('<figure class="story-photo')[1].split("</figure>")[0]
    assert [width for _url, width in _srcset_urls(figure, "webp")] == ["320w", "640w", "960w", "1280w"]


@pytest.mark.django_db
def test_saving_a_story_again_does_not_ask_the_worker_again(photo_bytes, queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(photo=photo_bytes(800, 450))
    run_worker(queue)
    with django_capture_on_commit_callbacks(execute=True):
        article.headline = "A corrected headline"
        article.save()
    assert queue.results == []


@pytest.mark.django_db
def test_the_worker_refuses_a_photo_over_the_pixel_bound_before_decoding_it(
    client, settings, queue, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile
    from PIL import ImageFile

    from articles.renditions import make_photo_renditions
    from newsroom.shared.photos import PhotoTooLarge, open_within_bounds

    bomb = png_claiming_size(8000, 8000)  # 64 million pixels, stored without the upload's checks
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article()
        article.lead_photo.save("bomb.png", ContentFile(bomb), save=False)
        Article.objects.filter(pk=article.pk).update(
            lead_photo=article.lead_photo.name, lead_photo_width=8000, lead_photo_height=8000
        )

    def decoding(*args, **kwargs):
        raise AssertionError("the photo was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", decoding)
    with pytest.raises(PhotoTooLarge), open_within_bounds(io.BytesIO(bomb)):
        pass
    assert make_photo_renditions.call("articles.article", article.pk) == 0
    assert cache_files(settings) == []
    assert client.get(Article.objects.get(pk=article.pk).get_absolute_url()).status_code == 200


# --- Uploads stay cheap ------------------------------------------------------------------------------


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def chunks_of(png):
    pos, found = 8, []
    while pos < len(png):
        length = struct.unpack(">I", png[pos : pos + 4])[0]
        found.append((png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]))
        pos += 12 + length
    return found


def test_a_6300_pixel_square_png_is_checked_and_cleaned_in_a_moment_without_decoding_it():
    from newsroom.shared.photos import strip_metadata

    image = Image.new("RGB", (6300, 6300), (30, 90, 140))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    data = buffer.getvalue()
    # A reporter's phone name and a GPS position in text chunks, before the picture.
    tagged = data[:33] + png_chunk(b"tEXt", b"Model\0Reporter's phone") + png_chunk(b"tEXt", b"GPS\026.14N") + data[33:]
    assert len(tagged) < 200_000

    started = time.monotonic()
    validate_photo(upload(tagged, "huge.png"))
    clean = strip_metadata(upload(tagged, "huge.png")).read()
    assert time.monotonic() - started < 0.5  # a full decode of 40 million pixels takes seconds

    assert b"Reporter's phone" not in clean and b"26.14N" not in clean
    assert [chunk for chunk in chunks_of(clean) if chunk[0] == b"IDAT"] == [
        chunk for chunk in chunks_of(data) if chunk[0] == b"IDAT"
    ]  # the picture itself, byte for byte
    with Image.open(io.BytesIO(clean)) as stored:
        assert stored.size == (6300, 6300)


def test_a_jpeg_keeps_its_picture_byte_for_byte_and_loses_its_exif(photo_bytes):
    from newsroom.shared.photos import strip_metadata

    original = photo_bytes(800, 600, exif=exif_with_gps())
    clean = strip_metadata(upload(original)).read()
    assert clean[clean.index(b"\xff\xda") :] == original[original.index(b"\xff\xda") :]
    assert b"PhoneMaker" not in clean and b"Exif" not in clean
    with Image.open(io.BytesIO(clean)) as image:
        assert image.size == (800, 600) and not image.getexif()


def test_a_photo_its_camera_says_to_turn_is_stored_turned(photo_bytes):
    from newsroom.shared.photos import strip_metadata

    exif = Image.Exif()
    exif[0x0112] = 6  # turn 90° clockwise to view
    clean = strip_metadata(upload(photo_bytes(800, 600, exif=exif))).read()
    with Image.open(io.BytesIO(clean)) as image:
        assert image.size == (600, 800) and 0x0112 not in image.getexif()
