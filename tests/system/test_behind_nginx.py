"""The deployment of deploy/: Debian's nginx, with deploy's site configuration, in front of two gunicorn
servers run with deploy/gunicorn.conf.py and PROXY_COUNT=1, over PostgreSQL and Redis.

The clients connect from addresses of their own (127.0.0.2, 127.0.0.3, …: all of 127.0.0.0/8 is this
machine), so nginx sees several readers while the app servers see only nginx. nginx's edge cache keeps a
page EDGE_CACHE_SECONDS=2 here, so its tests wait at most a few seconds.
"""

import gzip
import http.client
import io
import json
import re
import ssl
import time
from pathlib import Path

import pytest
from PIL import Image

from tests.system.conftest import run_in
from tests.system.http import Browser
from tests.system.nginx import Nginx
from tests.system.servers import GUNICORN_CONFIG, AppServer, manage

PASSWORD = "a-long-nginx-test-password-42"  # noqa: S105 - a throwaway test database
EDGE_CACHE_SECONDS = 2

SETUP = f"""
from django.utils import timezone
from accounts.models import Reporter, User
from articles.models import Article, Section
for email, name in (("alpha@nginx.test", "Alpha Reporter"), ("beta@nginx.test", "Beta Reporter"),
                    ("gamma@nginx.test", "Gamma Reporter")):
    user = User.objects.create_user(email=email, full_name=name, password="{PASSWORD}")
    Reporter.objects.create(user=user, status=Reporter.Status.APPROVED, email_confirmed_at=timezone.now(),
                            terms_accepted_at=timezone.now())
User.objects.create_superuser(email="editor@nginx.test", full_name="Desk Editor", password="{PASSWORD}")
section = Section.objects.create(name="Behind nginx", slug="behind-nginx")
story = Article.objects.create(headline="Ferry services resume on the Brahmaputra", section=section,
                               body="<p>" + "The ferries are running again. " * 200 + "</p>",
                               status=Article.Status.PUBLISHED, published_at=timezone.now())
print(story.get_absolute_url())
"""

COMMENT_ADDRESSES = """
from articles.comments.models import Comment
for body, address in Comment.objects.filter(body__startswith="nginx-").values_list("body", "ip_address"):
    print(body.split()[0], address)
"""


class Site:
    def __init__(self, nginx, apps, direct, story_url):
        self.nginx, self.apps, self.direct, self.story_url = nginx, apps, direct, story_url
        self.tls = ssl.create_default_context(cafile=str(nginx.certificate))

    def browser(self, source):
        return Browser(source=source, tls=self.tls)

    def fetch(self, path, source="127.0.0.1", method="GET", body=None, headers=None):
        """One raw request through nginx over https: (status, headers, body as bytes, undecoded)."""
        connection = http.client.HTTPSConnection(
            "127.0.0.1", self.nginx.https_port, context=self.tls, source_address=(source, 0), timeout=30
        )
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()

    def app_server_paths(self):
        """Every path the app servers answered, from their output: one JSON object a line (gunicorn's access
        log and Django's log alike)."""
        paths = []
        for app in self.apps:
            for line in app.log.read_text().splitlines():
                entry = json.loads(line)
                if entry["logger"] == "gunicorn.access":
                    paths.append(entry["path"])
        return paths


@pytest.fixture(scope="module")
def site(system_env, tmp_path_factory):
    story_url = run_in(system_env, SETUP).strip()
    logs = tmp_path_factory.mktemp("gunicorn-logs")
    env = {
        **system_env,
        "PROXY_COUNT": "1",
        "COMMENTS_RATE_PER_MINUTE": "1",
        "AXES_FAILURE_LIMIT": "2",
        # An address is refused for every account after this many failures (a guesser trying many accounts).
        "LOGIN_ADDRESS_FAILURE_LIMIT": "2",
        "LOG_LEVEL": "INFO",
        # Nothing but log lines on the servers' output (the console backend would print the mail there).
        "EMAIL_URL": "dummymail://",
        # Counters of their own: the other system tests' readers (all 127.0.0.1) never share them.
        "CACHE_URL": system_env["CACHE_URL"] + "-nginx",
        "EDGE_CACHE_SECONDS": str(EDGE_CACHE_SECONDS),
        "VIEW_COUNT_BATCH": "1",
    }
    apps = [AppServer(env, config=GUNICORN_CONFIG, log=logs / f"app-{n}.log").start() for n in (1, 2)]
    # An app server reached directly, with nobody in front (PROXY_COUNT=0, the default).
    direct = AppServer({**env, "PROXY_COUNT": "0"}, config=GUNICORN_CONFIG, log=logs / "direct.log").start()
    nginx = Nginx(
        tmp_path_factory.mktemp("nginx"),
        upstreams=[app.port for app in apps],
        static_root=system_env["STATIC_ROOT"],
        media_root=system_env["MEDIA_ROOT"],
    ).start()
    yield Site(nginx, apps, direct, story_url)
    nginx.stop()
    for app in (*apps, direct):
        app.stop()


def _log_in(browser, site, email, password=PASSWORD, headers=None):
    return browser.submit(
        site.nginx.url + "/accounts/login/", {"username": email, "password": password}, headers=headers
    ).status


# --- Client addresses --------------------------------------------------------------------------------


def test_two_readers_behind_nginx_have_comment_rate_limits_of_their_own_and_forging_changes_nothing(site):
    story = site.nginx.url + site.story_url
    first, second, forger = site.browser("127.0.0.2"), site.browser("127.0.0.3"), site.browser("127.0.0.4")
    for reader in (first, second, forger):
        assert reader.get(story).status == 200
    time.sleep(3.2)  # the signed form stamp refuses forms sent faster than a person types

    def post(reader, n, headers=None):
        fields = {"name": "Reader", "email": f"nginx-{n}@example.com", "body": f"nginx-{n} ferry at last"}
        return reader.submit(story, fields, action_contains="/comment/", headers=headers).status

    # One comment a minute from an address (COMMENTS_RATE_PER_MINUTE=1): three quick tries from the
    # first reader are refused at least once, whatever minute the clock is in.
    first_tries = [post(first, n) for n in (1, 2, 3)]
    assert first_tries[0] == 302 and 429 in first_tries, first_tries
    assert post(second, 4) == 302

    # A reader sending an X-Forwarded-For of their own is still counted at their own address.
    forged = [post(forger, n, headers={"X-Forwarded-For": f"203.0.113.{n}"}) for n in (5, 6, 7)]
    assert forged[0] == 302 and 429 in forged, forged

    recorded = dict(line.split() for line in run_in(site.apps[0].env, COMMENT_ADDRESSES).splitlines())
    assert recorded["nginx-1"] == "127.0.0.2"
    assert recorded["nginx-4"] == "127.0.0.3"
    assert recorded["nginx-5"] == "127.0.0.4"


def test_two_people_behind_nginx_have_login_lockouts_of_their_own_and_forging_changes_nothing(site):
    guesser, owner, forger = site.browser("127.0.0.5"), site.browser("127.0.0.6"), site.browser("127.0.0.7")
    for _attempt in range(2):  # AXES_FAILURE_LIMIT=2
        _log_in(guesser, site, "alpha@nginx.test", "wrong-password")
    assert _log_in(guesser, site, "alpha@nginx.test") == 429
    assert _log_in(owner, site, "beta@nginx.test") == 302

    for n in range(2):
        _log_in(forger, site, "nobody@nginx.test", "wrong-password", headers={"X-Forwarded-For": f"198.51.100.{n}"})
    assert _log_in(forger, site, "gamma@nginx.test", headers={"X-Forwarded-For": "198.51.100.99"}) == 429


# --- What nginx does itself ---------------------------------------------------------------------------


def test_pages_arrive_gzip_compressed(site):
    status, headers, body = site.fetch("/", headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in headers["Vary"]
    page = gzip.decompress(body).decode()
    assert page.lstrip().lower().startswith("<!doctype html>")
    assert len(body) < len(page) / 2

    status, headers, _body = site.fetch("/sitemap.xml", headers={"Accept-Encoding": "gzip"})
    assert (status, headers["Content-Encoding"]) == (200, "gzip")


def test_static_and_media_files_come_from_nginx_with_long_cache_lifetimes(site, system_env):
    manifest = json.loads((Path(system_env["STATIC_ROOT"]) / "staticfiles.json").read_text())["paths"]
    hashed_css = next(name for source, name in manifest.items() if source.endswith(".css"))
    photo = Path(system_env["MEDIA_ROOT"]) / "nginx-test" / "ferry.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (20, 110, 150)).save(buffer, format="JPEG")
    photo.write_bytes(buffer.getvalue())

    status, headers, body = site.fetch(f"/static/{hashed_css}", headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body)

    status, headers, body = site.fetch("/media/nginx-test/ferry.jpg")
    assert status == 200
    assert body == buffer.getvalue()
    assert headers["Content-Type"] == "image/jpeg"
    assert headers["Cache-Control"] == "public, max-age=604800"
    assert "sandbox" in headers["Content-Security-Policy"]
    # A rendition the worker has yet to make is asked for again, not remembered missing for a week.
    status, missing, _body = site.fetch("/media/nginx-test/not-made-yet.jpg")
    assert status == 404 and "max-age=604800" not in missing.get("Cache-Control", "")

    # The app servers answered the page below, and never saw the files.
    assert site.fetch("/contact/")[0] == 200
    deadline = time.monotonic() + 5
    while "/contact/" not in (paths := site.app_server_paths()) and time.monotonic() < deadline:
        time.sleep(0.1)  # gunicorn writes the line once the answer is sent
    assert "/contact/" in paths
    assert not [path for path in paths if path.startswith(("/static/", "/media/"))]


def test_a_photo_sized_upload_passes_nginx_and_a_bigger_body_is_refused_there(site):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    photo_sized = site.fetch("/contact/", method="POST", body=b"x" * (10 * 1024 * 1024 + 4096), headers=headers)
    assert photo_sized[0] != 413  # Django answers it (here: no CSRF token)
    too_big = site.fetch("/contact/", method="POST", body=b"x" * (13 * 1024 * 1024), headers=headers)
    assert too_big[0] == 413


# --- HTTPS: X-Forwarded-Proto is believed from nginx only ------------------------------------------------


def _canonical(html):
    return re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)


def test_django_sees_https_because_nginx_says_so_and_not_because_a_client_does(site):
    through_nginx = site.browser("127.0.0.8").get(site.nginx.url + "/contact/", headers={"X-Forwarded-Proto": "http"})
    assert _canonical(through_nginx.text) == f"https://127.0.0.1:{site.nginx.https_port}/contact/"

    # Plain http never reaches Django: nginx sends the reader to https.
    connection = http.client.HTTPConnection("127.0.0.1", site.nginx.http_port, timeout=10)
    connection.request("GET", "/contact/", headers={"X-Forwarded-Proto": "https"})
    redirect = connection.getresponse()
    assert (redirect.status, redirect.headers["Location"]) == (301, "https://127.0.0.1/contact/")
    connection.close()

    # An app server with nobody in front (PROXY_COUNT=0) does not believe a client that says https,
    # and neither does gunicorn (deploy/gunicorn.conf.py trusts no forwarded header).
    direct = Browser().get(site.direct.url + "/contact/", headers={"X-Forwarded-Proto": "https"})
    assert _canonical(direct.text) == f"http://127.0.0.1:{site.direct.port}/contact/"


# --- The edge cache -------------------------------------------------------------------------------------

NEW_STORY = """
from django.utils import timezone
from articles.models import Article, Section
story = Article.objects.create(headline={headline!r}, section=Section.objects.get(slug="behind-nginx"),
                               body="<p>" + "Reported from the riverbank. " * 50 + "</p>",
                               status=Article.Status.{status}, published_at={published_at})
print(story.pk, story.slug, story.get_absolute_url())
"""

VIEW_COUNT = """
from articles.models import Article
print(Article.objects.get(slug={slug!r}).view_count)
"""


def _new_story(site, headline, published=True):
    code = NEW_STORY.format(
        headline=headline,
        status="PUBLISHED" if published else "DRAFT",
        published_at="timezone.now()" if published else "None",
    )
    pk, slug, url = run_in(site.apps[0].env, code).split()
    return int(pk), slug, url


def _requests_for(site, path, at_least=1):
    """How many times the app servers were asked for `path` (waiting a moment for gunicorn's log line)."""
    deadline = time.monotonic() + 5
    while (count := site.app_server_paths().count(path)) < at_least and time.monotonic() < deadline:
        time.sleep(0.1)
    return count


def _wait_for(check, seconds):
    """Ask `check()` until it is true; the seconds it took, or None after `seconds`."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if check():
            return time.monotonic() - started
        time.sleep(0.2)
    return None


def _editor(site, source):
    editor = site.browser(source)
    assert (
        editor.submit(site.nginx.url + "/admin/login/", {"username": "editor@nginx.test", "password": PASSWORD}).status
        == 302
    )
    return editor


def test_an_anonymous_story_page_comes_from_nginxs_cache_the_second_time_and_reaches_django_once(site):
    _pk, _slug, url = _new_story(site, "Tea gardens reopen after the floods")
    status, first_headers, first = site.fetch(url)
    assert (status, first_headers["X-Cache-Status"]) == (200, "MISS")
    assert {"public", "max-age=60", f"s-maxage={EDGE_CACHE_SECONDS}"} <= {
        part.strip() for part in first_headers["Cache-Control"].split(",")
    }
    status, headers, second = site.fetch(url, source="127.0.0.11")
    assert (status, headers["X-Cache-Status"], second) == (200, "HIT", first)
    # A link shared with tracking tags is the same page; other parameters are not the cache's.
    assert site.fetch(url + "?utm_source=whatsapp&fbclid=abc", source="127.0.0.12")[1]["X-Cache-Status"] == "HIT"
    assert _requests_for(site, url) == 1
    assert site.fetch(url + "?colour=red")[1]["X-Cache-Status"] == "BYPASS"
    assert _requests_for(site, url, at_least=2) == 2


def test_one_compressed_copy_in_nginxs_cache_serves_readers_who_take_gzip_and_readers_who_dont(site):
    _pk, _slug, url = _new_story(site, "Boat race returns to Dighalipukhuri")
    status, headers, plain = site.fetch(url)  # the first reader's client can't take gzip
    assert (status, headers["X-Cache-Status"], headers.get("Content-Encoding")) == (200, "MISS", None)
    assert plain.decode().lstrip().lower().startswith("<!doctype html>")
    status, headers, compressed = site.fetch(url, source="127.0.0.13", headers={"Accept-Encoding": "gzip"})
    assert (status, headers["X-Cache-Status"], headers["Content-Encoding"]) == (200, "HIT", "gzip")
    assert gzip.decompress(compressed) == plain
    # The copy nginx keeps is the compressed page Django sent, so a hit costs nginx no compression.
    cached = [path.read_bytes() for path in Path(site.nginx.cache_root).rglob("*") if path.is_file()]
    assert any(compressed in entry for entry in cached)
    assert _requests_for(site, url) == 1


def test_a_logged_in_editor_never_gets_a_page_from_nginxs_cache(site):
    _pk, _slug, url = _new_story(site, "Editors read the live page")
    site.fetch(url)
    assert site.fetch(url)[1]["X-Cache-Status"] == "HIT"  # what anonymous readers get
    editor = _editor(site, "127.0.0.13")
    for _visit in range(2):
        page = editor.get(site.nginx.url + url)
        assert page.status == 200
        assert page.headers["X-Cache-Status"] == "BYPASS"
        assert "private" in page.headers["Cache-Control"]
    assert _requests_for(site, url, at_least=3) == 3  # the anonymous miss, then each of the editor's visits


def test_a_form_page_never_comes_from_nginxs_cache(site):
    for path in ("/contact/", "/accounts/register/", "/accounts/login/"):
        before = site.app_server_paths().count(path)
        answers = [site.fetch(path, source="127.0.0.14") for _visit in range(2)]
        for status, headers, _body in answers:
            assert status == 200
            assert headers["X-Cache-Status"] != "HIT", path
            assert "private" in headers["Cache-Control"], path
            assert "csrftoken=" in headers["Set-Cookie"], path  # a token of its own, from Django each time
        assert _requests_for(site, path, at_least=before + 2) == before + 2, path


def test_a_publish_and_a_withdrawal_through_the_app_servers_reach_nginxs_readers_within_5_seconds(site):
    pk, _slug, url = _new_story(site, "Breaking: the Bhupen Hazarika bridge reopens", published=False)
    section = "/section/behind-nginx/"
    site.fetch(section)
    status, headers, body = site.fetch(section)
    assert (status, headers["X-Cache-Status"]) == (200, "HIT")
    assert b"Bhupen Hazarika bridge" not in body
    editor = _editor(site, "127.0.0.15")

    assert editor.submit(site.nginx.url + f"/admin/articles/article/{pk}/workflow/publish/").status == 302
    took = _wait_for(lambda: b"Bhupen Hazarika bridge" in site.fetch(section)[2], seconds=5)
    assert took is not None, "the published story was not on the section page through nginx within 5 s"
    assert site.fetch(url)[0] == 200
    assert site.fetch(url)[1]["X-Cache-Status"] == "HIT"

    withdraw = f"/admin/articles/article/{pk}/workflow/withdraw/"
    assert editor.submit(site.nginx.url + withdraw, {"note": "A legal demand."}).status == 302
    took = _wait_for(lambda: site.fetch(url)[0] == 404, seconds=5)
    assert took is not None, "the withdrawn story was still served through nginx after 5 s"


# --- The view-count beacon ---------------------------------------------------------------------------------


def test_the_beacon_is_answered_by_nginx_never_by_django_and_tally_views_counts_each_reader_once(site, tmp_path):
    _pk, slug, url = _new_story(site, "Majuli's ferry carries a record crowd")
    page = site.fetch(url)[2].decode()
    beacon = re.search(r'<img src="(/v/[^"]+\.gif)" alt="" width="1" height="1">', page).group(1)
    assert beacon == f"/v/{slug}.gif"
    readers = [
        ("127.0.0.21", "Phone A"),
        ("127.0.0.21", "Phone A"),
        ("127.0.0.22", "Phone A"),
        ("127.0.0.21", 'Phone "B"'),
    ]
    for source, user_agent in readers:
        status, headers, body = site.fetch(beacon, source=source, headers={"User-Agent": user_agent})
        assert (status, headers["Content-Type"], headers["Cache-Control"]) == (200, "image/gif", "no-store")
        assert Image.open(io.BytesIO(body)).size == (1, 1)
    assert site.fetch(beacon, method="HEAD")[0] == 200  # nobody reading: never counted

    assert not [path for path in site.app_server_paths() if path.startswith("/v/")]
    assert run_in(site.apps[0].env, VIEW_COUNT.format(slug=slug)).strip() == "0"  # Django saw no reading

    tally = ["tally_views", "--log", str(site.nginx.view_log), "--state", str(tmp_path / "offset.json")]
    manage(site.apps[0].env, *tally)
    assert run_in(site.apps[0].env, VIEW_COUNT.format(slug=slug)).strip() == "3"
    manage(site.apps[0].env, *tally)  # the next minute: nothing new
    assert run_in(site.apps[0].env, VIEW_COUNT.format(slug=slug)).strip() == "3"
