"""Screenshots of the main pages at phone and desktop sizes, light and dark, for docs/screenshots/.

A tool, not a test: `make screenshots` runs it through pytest (for the live server and the browser of
tests/e2e/conftest.py); its name keeps it out of the suite, since it checks nothing and seeds the whole
demo site.
"""

from pathlib import Path

import pytest
from django.core.management import call_command

from accounts.models import User
from articles.models import Article
from tests.e2e.conftest import DESKTOP, PHONE

OUTPUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.mark.django_db(transaction=True)
def test_take_screenshots_of_the_main_pages(live_server, browser, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    story = Article.objects.published().exclude(headline_as="").exclude(lead_photo="").first()
    pages = {
        "home": "/",
        "home-assamese": "/as/",
        "section": story.section.get_absolute_url(),
        "story": story.get_absolute_url(),
        "story-assamese": "/as" + story.get_absolute_url(),
        "contact": "/contact/",
        "register": "/accounts/register/",
    }
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for scheme, suffix in (("light", ""), ("dark", "-dark")):
        for size_name, size in (("desktop", DESKTOP), ("phone", PHONE)):
            context = browser.new_context(viewport=size, color_scheme=scheme)
            page = context.new_page()
            for name, path in pages.items():
                page.goto(live_server.url + path)
                page.evaluate("() => document.fonts.ready")
                page.screenshot(path=str(OUTPUT / f"{name}-{size_name}{suffix}.png"), full_page=False)
            context.close()
    editor = User.objects.get(email="admin@demo.newsroom")
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("E-mail").fill(editor.email)
    page.get_by_label("Password").fill("newsroom-demo-2026")
    page.get_by_role("button", name="Log in").click()
    page.screenshot(path=str(OUTPUT / "admin-desk-desktop.png"))
    context.close()
    assert len(list(OUTPUT.glob("*.png"))) >= 29
