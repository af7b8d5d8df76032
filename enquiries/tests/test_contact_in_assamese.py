"""The contact details staff keep, in Assamese on the Assamese site, in English where they wrote none."""

import pytest

from enquiries.models import ContactDetails

pytestmark = pytest.mark.django_db


def footer(client, path):
    return client.get(path).content.decode().split("<footer")[1]


@pytest.fixture
def details():
    return ContactDetails.objects.create(
        address_en="2nd Floor, Dighalipukhuri Road, Guwahati",
        address_as="দ্বিতীয় মহলা, দিঘলীপুখুৰী পথ, গুৱাহাটী",
        email="desk@example.com",
        phones_en="+91 361 254 0000 (news desk)",
        phones_as="+91 361 254 0000 (বাতৰি কক্ষ)",
        office_hours_en="Monday to Saturday",
        office_hours_as="সোমবাৰৰ পৰা শনিবাৰলৈ",
    )


def test_the_assamese_footer_and_contact_page_show_the_assamese_details(client, details):
    assamese = footer(client, "/as/")
    assert "দ্বিতীয় মহলা, দিঘলীপুখুৰী পথ, গুৱাহাটী" in assamese and "(বাতৰি কক্ষ)" in assamese
    assert "Dighalipukhuri" not in assamese and "news desk" not in assamese
    assert 'href="tel:+913612540000"' in assamese
    page = client.get("/as/contact/").content.decode()
    assert "দ্বিতীয় মহলা" in page and "সোমবাৰৰ পৰা শনিবাৰলৈ" in page


def test_the_english_footer_keeps_the_english_details(client, details):
    english = footer(client, "/")
    assert "2nd Floor, Dighalipukhuri Road, Guwahati" in english and "(news desk)" in english
    assert "দিঘলীপুখুৰী" not in english


def test_details_not_written_in_assamese_fall_back_to_english(client, details):
    details.address_as = ""
    details.phones_as = ""
    details.save()
    assamese = footer(client, "/as/")
    assert "2nd Floor, Dighalipukhuri Road, Guwahati" in assamese and "(news desk)" in assamese
