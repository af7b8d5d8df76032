import pytest
from playwright.sync_api import expect

from articles.models import Section


@pytest.mark.django_db(transaction=True)
def test_home_page_opens_in_chromium(live_server, page):
    Section.objects.create(name="Assam", slug="assam")
    page.goto(live_server.url + "/")
    expect(page.locator("header").get_by_text("Reporter Login")).to_be_visible()
    page.get_by_role("link", name="Assam").click()
    assert page.url.endswith("/section/assam/")
    assert page.locator("h1").inner_text() == "Assam"
