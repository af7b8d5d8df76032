"""seed_demo's Assamese site: the paper's contact details, its reporters' names and its correction note."""

import io

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.html import escape

from accounts.models import Reporter
from articles.models import Article

pytestmark = pytest.mark.django_db


def test_the_demo_reads_in_assamese_on_the_assamese_site(client, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())

    assert not Reporter.objects.filter(name_as="").exists()
    reporter = Reporter.objects.approved().get(user__full_name="Anjali Baruah")
    assert f'<h1 class="h3 mb-1">{reporter.name_as}</h1>' in client.get(f"/as{reporter.get_absolute_url()}").text

    footer = client.get("/as/").text.split("<footer")[1]
    assert "দিঘলীপুখুৰী পথ" in footer and "(বাতৰি কক্ষ)" in footer
    assert "সোমবাৰৰ পৰা শনিবাৰলৈ" in client.get("/as/contact/").text

    corrected = Article.objects.published().exclude(correction_en="").get()
    assert corrected.correction_as
    with translation.override("en"):
        url = corrected.get_absolute_url()
    assert f'<p class="mb-0" lang="as">{escape(corrected.correction_as)}</p>' in client.get(f"/as{url}").text
