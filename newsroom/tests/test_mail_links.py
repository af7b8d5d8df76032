"""Links in e-mails open the site they came from: the port of `make run PORT=8001`, or PUBLISHER_URL."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from newsroom.shared.mail import site_url

# on_commit runs as the registration commits, inside the request, as it does on a real server.
pytestmark = pytest.mark.django_db(transaction=True)


def register(client, **extra):
    data = {
        "full_name": "Anjali Baruah",
        "email": "anjali@example.com",
        "phone": "+91 98765-43210",
        "district": "Kamrup Metropolitan",
        "password1": "brahmaputra-flows-east-42",
        "password2": "brahmaputra-flows-east-42",
        "consent": "on",
    }
    response = client.post(reverse("accounts:register"), data, **extra)
    assert response.status_code == 302, response.content.decode()[:500]
    return re.search(r"(https?://\S+/accounts/confirm/\S+/)", mail.outbox[-1].body).group(1)


def test_the_confirmation_link_names_the_port_the_development_site_is_served_on(client, settings):
    settings.PUBLISHER = {**settings.PUBLISHER, "url": ""}

    link = register(client, HTTP_HOST="127.0.0.1:8001")

    assert link.startswith("http://127.0.0.1:8001/accounts/confirm/")
    assert client.get(link.removeprefix("http://127.0.0.1:8001"), HTTP_HOST="127.0.0.1:8001").status_code == 200


def test_publisher_url_wins_over_the_address_of_the_request(client, settings):
    settings.PUBLISHER = {**settings.PUBLISHER, "url": "https://news.example.com/"}

    link = register(client, HTTP_HOST="127.0.0.1:8001")

    assert link.startswith("https://news.example.com/accounts/confirm/")


def test_mail_sent_off_any_request_falls_back_to_the_development_address(settings):
    settings.PUBLISHER = {**settings.PUBLISHER, "url": ""}
    assert site_url("/accounts/desk/") == "http://127.0.0.1:8000/accounts/desk/"
