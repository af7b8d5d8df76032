import re

import pytest
from django.urls import reverse

from articles.models import Section


@pytest.mark.django_db
def test_every_page_carries_the_header_links_navigation_and_publisher_footer(client, settings):
    settings.PUBLISHER = {**settings.PUBLISHER, "phone": "+91 361 999 1234", "name": "Test Gazette"}
    Section.objects.create(name="Guwahati", slug="guwahati", order=1)
    Section.objects.create(name="Hidden", slug="hidden", show_in_navigation=False)
    html = client.get(reverse("articles:home")).content.decode()
    assert '<a class="visually-hidden-focusable skip-link" href="#main">' in html
    assert '<main id="main"' in html
    for label, url in [
        ("Reporter Login", reverse("accounts:login")),
        ("Reporter Registration", reverse("accounts:register")),
        ("Contact Us", reverse("enquiries:contact")),
        ("Guwahati", "/section/guwahati/"),
    ]:
        assert f'href="{url}"' in html and label in html
    assert "Hidden" not in html
    assert "+91 361 999 1234" in html and "Test Gazette" in html


@pytest.mark.django_db
def test_the_footer_shows_the_contact_details_staff_keep_and_every_cached_page_follows(client):
    from enquiries.models import ContactDetails

    Section.objects.create(name="Guwahati", slug="guwahati", order=1)
    client.get("/")
    assert client.get("/").headers["X-Page-Cache"] == "hit"
    ContactDetails.objects.create(
        address="3rd Floor, GS Road, Guwahati 781005",
        email="newsdesk@example.com",
        phones="+91 361 222 3333 (news desk)\n+91 98640 12345 (WhatsApp)",
    )
    html = client.get("/").content.decode()
    assert "3rd Floor, GS Road, Guwahati 781005" in html
    assert 'href="mailto:newsdesk@example.com"' in html
    assert 'href="tel:+913612223333"' in html and "(WhatsApp)" in html
    assert "3rd Floor, GS Road, Guwahati 781005" in client.get("/as/").content.decode()
    details = ContactDetails.objects.get()
    details.address_en = "New office, Zoo Road, Guwahati"  # one column per language (enquiries/translation.py)
    details.save()
    assert "New office, Zoo Road, Guwahati" in client.get("/").content.decode()


@pytest.mark.django_db
def test_static_assets_are_our_own_no_cdn(client):
    html = client.get(reverse("articles:home")).content.decode()
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) == ["/static/css/newsroom.css"]
    assert "cdn" not in html.lower()
    # JSON-LD names its vocabulary ("@context": "https://schema.org"): an identifier, never fetched.
    head = re.sub(r'<script type="application/ld\+json">.*?</script>', "", html.split("<body")[0], flags=re.S)
    assert "https://" not in head


@pytest.mark.parametrize(
    "moment", ["2026-11-29T11:45:07+00:00", "2026-03-01T23:59:59+00:00", "2027-01-01T00:00:00+05:30"]
)
def test_time_elements_carry_the_moment_in_indian_time_as_the_date_filter_wrote_it(moment):
    from datetime import datetime

    from django.template import Context, Template

    value = datetime.fromisoformat(moment)
    template = Template("{% load site_tags %}{{ value|datetime_attribute }}|{{ value|date:'Y-m-d\\TH:i:sO' }}")
    fast, reference = template.render(Context({"value": value})).split("|")
    assert fast == reference
    assert fast.endswith("+0530")
    assert Template("{% load site_tags %}[{{ value|datetime_attribute }}]").render(Context({"value": None})) == "[]"


def test_the_one_stylesheet_is_up_to_date_with_bootstrap_our_css_and_the_classes_templates_use():
    from newsroom import stylesheet

    assert stylesheet.OUTPUT.read_text(encoding="utf-8") == stylesheet.build(), "run `make css`"


def test_the_stylesheet_keeps_the_bootstrap_rules_a_template_uses_and_drops_the_rest():
    from newsroom import stylesheet

    css = ".btn{a:1}.carousel-item{b:2}@media (min-width:1px){.col-lg-4{c:3}.offcanvas{d:4}}.x:not(.unused){e:5}"
    assert (
        stylesheet.purge(css, {"btn", "col-lg-4", "x"})
        == ".btn{a:1}@media (min-width:1px){.col-lg-4{c:3}}.x:not(.unused){e:5}"
    )
