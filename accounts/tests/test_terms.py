"""The terms for reporters: a page in every language, the newsroom's default text until staff write
theirs in the admin (one set of terms only), and the registration form links to it."""

import pytest
from django.urls import reverse

from accounts.models import ReporterTerms
from articles.tests.factories import make_user

pytestmark = pytest.mark.django_db

TERMS = reverse("accounts:terms")
REGISTER = reverse("accounts:register")
ADD = reverse("admin:accounts_reporterterms_add")


@pytest.fixture
def superuser():
    return make_user(email="chief@example.com", is_staff=True, is_superuser=True)


def test_the_terms_page_shows_the_newsrooms_default_terms_in_both_languages_until_staff_write_theirs(client):
    english = client.get(TERMS)
    assamese = client.get("/as" + TERMS)

    assert english.status_code == assamese.status_code == 200
    assert "<h1" in english.text and "Terms for reporters" in english.text
    assert "Report truthfully and fairly." in english.text
    assert '<html lang="as"' in assamese.text
    assert f'href="/as{REGISTER}"' in assamese.text


def test_staff_write_the_terms_in_the_admin_and_each_language_shows_its_own(client, superuser):
    client.force_login(superuser)
    response = client.post(
        ADD,
        {
            "title_en": "Our terms for reporters",
            "body_en": "Report truthfully.\n\nName your sources.",
            "title_as": "সাংবাদিকৰ বাবে চৰ্তাৱলী",
            "body_as": "সত্য খবৰ দিয়ক।",
        },
    )
    assert response.status_code == 302

    english = client.get(TERMS).text
    assamese = client.get("/as" + TERMS).text
    assert "Our terms for reporters" in english
    assert "<p>Report truthfully.</p>" in english and "<p>Name your sources.</p>" in english
    assert "Report truthfully and fairly." not in english  # the default text is gone
    assert "সাংবাদিকৰ বাবে চৰ্তাৱলী" in assamese and "সত্য খবৰ দিয়ক।" in assamese
    assert "Report truthfully." not in assamese


def test_staff_edits_to_the_terms_show_at_once(client, superuser):
    terms = ReporterTerms.objects.create(title_en="Terms", body_en="Old text.")
    assert "Old text." in client.get(TERMS).text
    client.force_login(superuser)
    change = reverse("admin:accounts_reporterterms_change", args=[terms.pk])
    response = client.post(change, {"title_en": "Terms", "body_en": "New text.", "title_as": "", "body_as": ""})
    assert response.status_code == 302

    client.logout()
    assert "New text." in client.get(TERMS).text
    assert "New text." in client.get("/as" + TERMS).text  # no Assamese yet: the English terms


def test_there_is_only_ever_one_set_of_terms(client, superuser):
    client.force_login(superuser)
    assert client.get(ADD).status_code == 200
    ReporterTerms.objects.create(title_en="Terms", body_en="Text.")

    assert client.get(ADD).status_code == 403
    ReporterTerms(title_en="Other terms", body_en="Other text.").save()
    assert ReporterTerms.objects.get().title_en == "Other terms"


def test_staff_text_is_shown_as_text_not_html(client):
    ReporterTerms.objects.create(title_en="Terms", body_en='<script src="x.js"></script> Be fair.')
    html = client.get(TERMS).text
    assert '<script src="x.js">' not in html
    assert "&lt;script" in html


def test_the_registration_consent_links_to_the_terms_in_the_pages_language(client):
    english = client.get(REGISTER).text
    assamese = client.get("/as" + REGISTER).text

    assert f'<a href="{TERMS}" target="_blank" rel="noopener">' in english
    assert f'<a href="/as{TERMS}" target="_blank" rel="noopener">' in assamese
    assert client.get("/as" + TERMS).status_code == 200
