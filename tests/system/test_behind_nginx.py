"""The deployment of deploy/: Debian's nginx, with deploy's site configuration, in front of two gunicorn
servers run with deploy/gunicorn.conf.py and PROXY_COUNT=1, over PostgreSQL and Redis.

The clients connect from addresses of their own (127.0.0.2, 127.0.0.3, …: all of 127.0.0.0/8 is this
machine), so nginx sees several readers while the app servers see only nginx.
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
from tests.system.servers import GUNICORN_CONFIG, AppServer

PASSWORD = "a-long-nginx-test-password-42"  # noqa: S105 - a throwaway test database

SETUP = f"""
from django.utils import timezone
from accounts.models import Reporter, User
from articles.models import Article, Section
for email, name in (("alpha@nginx.test", "Alpha Reporter"), ("beta@nginx.test", "Beta Reporter"),
                    ("gamma@nginx.test", "Gamma Reporter")):
    user = User.objects.create_user(email=email, full_name=name, password="{PASSWORD}")
    Reporter.objects.create(user=user, status=Reporter.Status.APPROVED, email_confirmed_at=timezone.now(),
                            terms_accepted_at=timezone.now())
section = Section.objects.create(name="Behind nginx", slug="behind-nginx")
story = Article.objects.create(headline="Ferry services resume on the Brahmaputra", section=section,
                               body="<p>" + "The ferries are running again. " * 200 + "</p>",
                               status=Article.Status.PUBLISHED, published_at=timezone.now())
print(story.get_absolute_url())
"""

COMMENT_ADDRESSES = """
from articles.models import Comment
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
