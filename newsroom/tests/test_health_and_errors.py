import pytest
from django.core.exceptions import BadRequest, PermissionDenied
from django.test import Client
from django.urls import path

from newsroom.tests.helpers import UNREACHABLE_DATABASE_URL, run_django
from newsroom.urls import urlpatterns as site_urlpatterns


def _raise_bad_request(request):
    raise BadRequest("broken")


def _raise_permission_denied(request):
    raise PermissionDenied


def _raise_error(request):
    raise RuntimeError("boom")


urlpatterns = [
    path("bad/", _raise_bad_request),
    path("forbidden/", _raise_permission_denied),
    path("broken/", _raise_error),
    *site_urlpatterns,
]


@pytest.mark.django_db
def test_healthz_answers_200_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_answers_503_when_the_database_is_unreachable():
    result = run_django(
        "from django.test import Client\nr = Client().get('/healthz')\nprint(r.status_code, r.json()['database'])",
        env={"DATABASE_URL": UNREACHABLE_DATABASE_URL},
    )
    assert result.stdout.strip().splitlines()[-1] == "503 unavailable", result.stderr


def test_pages_answer_a_styled_503_when_the_database_is_unreachable():
    result = run_django(
        "from django.test import Client\n"
        "r = Client(raise_request_exception=False).get('/')\n"
        "html = r.content.decode()\n"
        "print(r.status_code, 'Temporarily unavailable' in html, r['Retry-After'], 'mailto:desk@' in html)",
        env={"DATABASE_URL": UNREACHABLE_DATABASE_URL},
    )
    assert result.stdout.strip().splitlines()[-1] == "503 True 30 True", result.stderr


def test_the_500_page_renders_with_no_database():
    result = run_django(
        "from newsroom.views import server_error\n"
        "from django.test import RequestFactory\n"
        "r = server_error(RequestFactory().get('/'))\n"
        "html = r.content.decode()\n"
        "print(r.status_code, 'Something went wrong' in html, 'mailto:desk@' in html)",
        env={"DATABASE_URL": UNREACHABLE_DATABASE_URL},
    )
    assert result.stdout.strip().splitlines()[-1] == "500 True True", result.stderr


@pytest.mark.django_db
def test_unknown_page_shows_the_styled_404_with_the_site_around_it(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Contact Us" in html
    assert 'href="/"' in html


@pytest.mark.django_db
@pytest.mark.urls("newsroom.tests.test_health_and_errors")
@pytest.mark.parametrize(
    ("url", "status", "text"),
    [("/bad/", 400, "Bad request"), ("/forbidden/", 403, "Not allowed"), ("/broken/", 500, "Something went wrong")],
)
def test_error_pages_are_styled(url, status, text):
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == status
    assert text in response.content.decode()


@pytest.mark.django_db
def test_a_form_sent_without_its_token_gets_the_sites_own_page_in_the_readers_language():
    """An old page or blocked cookies: the reader is told what to do, in Assamese on the Assamese site."""
    client = Client(enforce_csrf_checks=True)
    english = client.post("/contact/", {"name": "Ritu"})
    assert english.status_code == 403
    assert "This form has expired" in english.content.decode()
    assert "reload the page and send the form again" in english.content.decode()
    assamese = client.post("/as/contact/", {"name": "ঋতু"})
    assert assamese.status_code == 403
    page = assamese.content.decode()
    assert '<html lang="as">' in page and "এই ফৰ্মখনৰ ম্যাদ উকলিছে" in page
    assert 'href="/as/contact/"' in page  # the site around it: header and footer


@pytest.mark.django_db
def test_a_request_for_a_host_that_is_not_ours_gets_the_styled_400_not_a_500():
    response = Client(HTTP_HOST="not-our-site.example", raise_request_exception=False).get("/")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()
    assert "not-our-site.example" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/news/%00/",
        "/section/%00/",
        "/section/%00/rss/",
        "/tag/%00/",
        "/reporters/%00/",
        "/search/?q=%00",
        "/search/?q=flood%01",
        "/as/news/a%00b/",
        "/admin/articles/article/?status__exact=%00",
    ],
)
def test_a_nul_or_control_character_in_an_address_gets_the_styled_400(url):
    from articles.tests.factories import make_article, make_user

    make_article(headline="Flood")
    client = Client(raise_request_exception=False)
    client.force_login(make_user(is_staff=True, is_superuser=True))

    response = client.get(url)

    assert response.status_code == 400, url
    assert "Bad request" in response.content.decode()


@pytest.mark.django_db
def test_a_search_with_a_tab_or_line_break_is_still_answered(client):
    assert client.get("/search/", {"q": "flood\trelief\nnews"}).status_code == 200


@pytest.mark.django_db
def test_more_query_parameters_than_django_reads_get_the_styled_400_not_a_500():
    query = "&".join(f"p{n}=1" for n in range(1200))
    for address, status, text in [("/", 400, "Bad request"), ("/search/", 400, "Bad request"), ("/no-such", 404, "")]:
        response = Client(raise_request_exception=False).get(f"{address}?{query}")
        assert response.status_code == status, address
        assert text in response.content.decode()


@pytest.mark.django_db
def test_a_body_larger_than_django_reads_gets_the_styled_400_not_a_500(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client = Client(raise_request_exception=False)
    for address in ("/contact/", "/accounts/register/", "/accounts/login/"):
        body = "message=" + "a" * 20_000
        response = client.post(address, data=body, content_type="application/x-www-form-urlencoded")
        assert response.status_code == 400, address
        assert "Bad request" in response.content.decode()
