"""Every page type is valid HTML5 (Nu Html Checker), light, and carries our security headers."""

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.views.defaults import permission_denied

from newsroom.views import server_error, service_unavailable
from tests.pages import build_site

VNU = Path(__file__).resolve().parent / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGE_BUDGET_BYTES = 100 * 1024


def fetch_pages():
    pages = {}
    for name, (path, user) in build_site().items():
        client = Client()
        if user is not None:
            client.force_login(user)
        response = client.get(path)
        assert response.status_code == (404 if name == "not found" else 200), (name, response.status_code)
        pages[name] = response
    return pages


def nu_errors(documents, tmp_path):
    """Run the Nu Html Checker once over all documents; return {name: [error messages]}."""
    files = {}
    for n, (name, html) in enumerate(documents.items()):
        path = tmp_path / f"page{n}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = name
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--exit-zero-always",
            *[str(tmp_path / file_name) for file_name in files],
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr or result.stdout)
    errors = {name: [] for name in documents}
    assert report["messages"] is not None and result.returncode == 0, result.stderr
    for message in report["messages"]:
        if message["type"] == "error" or message.get("subType") == "fatal":
            page = files[message["url"].rsplit("/", 1)[1]]
            errors[page].append(f"line {message.get('lastLine')}: {message['message']}")
    return errors


@pytest.mark.django_db
@pytest.mark.skipif(not VNU.exists() or not shutil.which("java"), reason="make test-tools installs the checker")
def test_every_page_type_is_valid_html5(tmp_path):
    documents = {name: response.content.decode() for name, response in fetch_pages().items()}
    documents["server error"] = server_error(RequestFactory().get("/")).content.decode()
    documents["service unavailable"] = service_unavailable().content.decode()
    documents["forbidden"] = permission_denied(RequestFactory().get("/"), PermissionDenied()).content.decode()
    documents["bad request"] = (
        Client(HTTP_HOST="not-our-site.example", raise_request_exception=False).get("/").content.decode()
    )
    documents["form expired"] = Client(enforce_csrf_checks=True).post("/contact/", {}).content.decode()
    errors = nu_errors(documents, tmp_path)
    assert {name: found for name, found in errors.items() if found} == {}


def _linked_assets(html):
    """Stylesheets, scripts and the fonts the page preloads (those of its language)."""
    return re.findall(r'<(?:link[^>]+rel="(?:stylesheet|preload)"[^>]+href|script[^>]+src)="([^"]+)"', html)


def _asset_bytes(url):
    path = url.split("?")[0].removeprefix(
        settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL
    )
    found = finders.find(path)
    assert found, url
    return Path(found).read_bytes()


@pytest.mark.django_db
def test_no_page_ships_more_than_100_kb_of_html_css_js_and_fonts_compressed():
    for name, response in fetch_pages().items():
        html = response.content.decode()
        total = len(gzip.compress(response.content))
        total += sum(len(gzip.compress(_asset_bytes(url))) for url in _linked_assets(html))
        assert total < PAGE_BUDGET_BYTES, f"{name}: {total} bytes compressed"


@pytest.mark.django_db
def test_every_page_type_carries_the_security_headers():
    for name, response in fetch_pages().items():
        csp = response.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "script-src 'self'" in csp, name
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, name
        assert response.headers["X-Content-Type-Options"] == "nosniff", name
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin", name
        assert "geolocation=()" in response.headers["Permissions-Policy"], name
        assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin", name
        assert response.headers["X-Frame-Options"] == "DENY", name


def test_production_settings_send_hsts_and_secure_httponly_samesite_cookies(tmp_path):
    from newsroom.tests.helpers import PRODUCTION_ENV, run_django

    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    assert run_django("", env=env, args=["migrate", "--noinput", "-v0"]).returncode == 0
    assert run_django("", env=env, args=["collectstatic", "--noinput", "-v0"]).returncode == 0
    result = run_django(
        "import json\n"
        "from django.test import Client\n"
        "from accounts.models import User\n"
        "User.objects.create_user(email='desk@example.com', full_name='Desk', password='a-long-password-42')\n"
        "client = Client(HTTP_HOST='news.example.com')\n"
        "page = client.get('/accounts/login/', secure=True)\n"
        "plain = client.get('/accounts/login/')\n"
        "login = client.post('/accounts/login/', {'username': 'desk@example.com', 'password': 'a-long-password-42',\n"
        "                    'csrfmiddlewaretoken': page.cookies['csrftoken'].value}, secure=True,\n"
        "                    HTTP_REFERER='https://news.example.com/accounts/login/')\n"
        "setlang = client.post('/i18n/setlang/', {'language': 'as', 'next': '/', 'csrfmiddlewaretoken':\n"
        "                      login.cookies['csrftoken'].value}, secure=True,\n"
        "                      HTTP_REFERER='https://news.example.com/')\n"
        "cookies = {name: dict(morsel) for name, morsel in\n"
        "           [*page.cookies.items(), *login.cookies.items(), *setlang.cookies.items()]}\n"
        "print(json.dumps({'hsts': page.headers.get('Strict-Transport-Security'), 'plain': plain.status_code,\n"
        "                  'login': login.status_code, 'cookies': cookies}))",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert report["plain"] == 301  # plain HTTP is sent to HTTPS
    assert report["login"] == 302
    for name in ("csrftoken", "sessionid"):
        cookie = report["cookies"][name]
        assert cookie["secure"] is True and cookie["httponly"] is True and cookie["samesite"] == "Lax", name
    language = report["cookies"]["django_language"]
    assert language["secure"] is True and language["samesite"] == "Lax"
