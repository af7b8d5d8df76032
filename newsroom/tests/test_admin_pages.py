"""The desk's own pages are valid HTML5 (Nu Html Checker) and obey the Content-Security-Policy."""

import re
import shutil

import pytest

from accounts.models import Reporter
from articles.comments.models import Comment
from articles.comments.tests.comment_helpers import make_comment
from articles.models import Article
from articles.tests.factories import make_article, make_reporter
from tests.test_page_quality import VNU, nu_errors

pytestmark = pytest.mark.usefixtures("fast_passwords")


@pytest.fixture
def desk_pages(client, settings, superuser):
    article = make_article(status=Article.Status.SUBMITTED, headline_as="ধেমাজিত বানপানী", body_as="<p>অসমীয়া</p>")
    reporter = make_reporter(status=Reporter.Status.PENDING, confirmed=False)
    make_reporter(status=Reporter.Status.APPROVED)
    held = make_comment(article, status=Comment.Status.HELD, body="Waiting for a moderator", report_count=1)
    make_comment(article, body="Already on the story")
    client.force_login(superuser)
    pages = {
        "home": client.get("/admin/"),
        "home in Assamese": client.get("/as/admin/"),
        "story page": client.get(f"/admin/articles/article/{article.pk}/change/"),
        "story preview": client.get(f"/admin/articles/article/{article.pk}/preview/"),
        "story preview in Assamese": client.get(f"/as/admin/articles/article/{article.pk}/preview/"),
        "reporter list": client.get("/admin/accounts/reporter/"),
        "reporter page with its decisions": client.get(f"/admin/accounts/reporter/{reporter.pk}/change/"),
        "reporter rejection note": client.get(f"/admin/accounts/reporter/{reporter.pk}/status/reject/"),
        "reporter rejection without a note": client.post(
            f"/admin/accounts/reporter/{reporter.pk}/status/reject/", {"note": ""}
        ),
        "comment list with row buttons": client.get("/admin/comments/comment/"),
        "comment list in Assamese": client.get("/as/admin/comments/comment/?status__exact=held"),
        "comment row button opened directly": client.get(f"/admin/comments/comment/{held.pk}/moderate/approve/"),
        "comment page with its buttons": client.get(f"/admin/comments/comment/{held.pk}/change/"),
    }
    settings.STAFF_REQUIRE_2FA = True
    pages["second factor set-up"] = client.get("/admin/2fa/setup/")
    for name, response in pages.items():
        assert response.status_code == 200, name
    return pages


@pytest.mark.skipif(not VNU.exists() or not shutil.which("java"), reason="make test-tools installs the checker")
def test_the_desks_pages_are_valid_html5(desk_pages, tmp_path):
    documents = {name: response.content.decode() for name, response in desk_pages.items()}

    errors = nu_errors(documents, tmp_path)

    assert {name: found for name, found in errors.items() if found} == {}


def test_the_desks_own_templates_use_no_inline_style_or_script(desk_pages):
    for name, response in desk_pages.items():
        html = response.content.decode()
        assert "Content-Security-Policy" in response.headers, name
        assert not re.search(r'<[^>]+\sstyle="', html), name
        inline_scripts = re.findall(r"<script(?![^>]*\ssrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", html)
        assert inline_scripts == [], (name, inline_scripts)
