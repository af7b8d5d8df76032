"""A reporter's district: one of Assam's 35 districts or "Other", on registration, the profile and in
the admin; what reporters typed before the choice existed is matched to a district by the migration."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from accounts.districts import District
from accounts.models import Reporter
from accounts.tests.factories import make_approved_reporter
from articles.tests.factories import make_user

pytestmark = pytest.mark.django_db

migration = importlib.import_module("accounts.migrations.0005_reporter_district_choices")


def test_the_choice_is_assams_35_districts_and_other():
    assert len(District.choices) == 36
    assert District.OTHER.value == District.values[-1]
    for name in ("Kamrup Metropolitan", "Dibrugarh", "Majuli", "Bajali", "Tamulpur", "South Salmara-Mankachar"):
        assert name in District.values
    assert set(migration.DISTRICTS) == set(District.values) - {District.OTHER}


def test_registration_offers_the_districts_and_refuses_anything_else(client):
    page = client.get(reverse("accounts:register")).text
    assert '<select name="district"' in page
    assert '<option value="Kamrup Metropolitan">Kamrup Metropolitan</option>' in page
    assert '<option value="Other">Other (outside Assam)</option>' in page

    response = client.post(reverse("accounts:register"), {"district": "Somewhere nice"})
    assert response.status_code == 200
    assert "Select a valid choice. Somewhere nice is not one of the available choices." in response.text


def test_a_reporter_changes_their_district_on_the_profile(client):
    reporter = make_approved_reporter(district=District.JORHAT, phone="+919864012345")
    client.force_login(reporter.user)
    page = client.get(reverse("accounts:profile")).text
    assert '<option value="Jorhat" selected>Jorhat</option>' in page

    data = {"full_name": reporter.user.full_name, "phone": "+919864012345", "bio": ""}
    refused = client.post(reverse("accounts:profile"), {**data, "district": "Upper Assam"})
    assert refused.status_code == 200
    assert "Select a valid choice." in refused.text
    assert client.post(reverse("accounts:profile"), {**data, "district": ""}).status_code == 200

    client.post(reverse("accounts:profile"), {**data, "district": "Dibrugarh"})
    reporter.refresh_from_db()
    assert reporter.district == District.DIBRUGARH


def test_the_admin_filters_reporters_by_district_and_offers_the_choice_on_a_reporters_page(client):
    make_approved_reporter(full_name="Bikash Gogoi", district=District.DIBRUGARH)
    make_approved_reporter(full_name="Chandana Saikia", district=District.JORHAT)
    client.force_login(make_user(is_staff=True, is_superuser=True))
    changelist = reverse("admin:accounts_reporter_changelist")

    page = client.get(changelist).text
    assert "?district__exact=Dibrugarh" in page
    assert "?district__exact=Majuli" in page  # every district, not whatever reporters once typed
    filtered = client.get(changelist, {"district__exact": "Dibrugarh"}).text
    assert "Bikash Gogoi" in filtered and "Chandana Saikia" not in filtered

    reporter = Reporter.objects.get(user__full_name="Bikash Gogoi")
    form = client.get(reverse("admin:accounts_reporter_change", args=[reporter.pk])).text
    assert '<select name="district"' in form


@pytest.mark.parametrize(
    ("typed", "district"),
    [
        ("Dibrugarh", "Dibrugarh"),
        ("  kamrup METROPOLITAN ", "Kamrup Metropolitan"),
        ("South Salmara Mankachar", "South Salmara-Mankachar"),
        ("Nalbari district", "Nalbari"),
        ("ডিব্ৰুগড়", "Dibrugarh"),
        ("Guwahati", "Kamrup Metropolitan"),
        ("Karimganj", "Sribhumi"),
        ("Sibsagar", "Sivasagar"),
        ("Kamrup", "Kamrup"),
        ("Delhi", "Other"),
        ("Upper Assam", "Other"),
        ("", ""),
    ],
)
def test_the_migration_matches_what_reporters_typed_to_a_district(typed, district):
    assert migration.district_for(typed) == district


def test_the_migration_moves_every_reporter_to_a_district(django_assert_max_num_queries):
    typed = ["dibrugarh", "Dibrugarh", "Tezpur", "North Lakhimpur", "Mars", "", "Majuli"]
    reporters = [make_approved_reporter() for _ in typed]
    # What the database held before the choice: any text at all.
    for reporter, text in zip(reporters, typed, strict=True):
        Reporter.objects.filter(pk=reporter.pk).update(district=text)

    with django_assert_max_num_queries(7):  # one read, then one update per value that changes
        migration.forwards(apps, schema_editor=None)

    after = [Reporter.objects.get(pk=reporter.pk).district for reporter in reporters]
    assert after == ["Dibrugarh", "Dibrugarh", "Sonitpur", "Lakhimpur", "Other", "", "Majuli"]
    assert set(after) - {""} <= set(District.values)


def test_the_demo_reporters_come_from_real_districts():
    from accounts import demo

    districts = {district for _name, _name_as, _email, district, _status in demo.REPORTERS}
    assert districts <= set(District.values) - {"Other"}
