"""Zero axe-core violations (WCAG 2 A and AA, with 2.2's target size) on every page type, at phone and desktop
sizes, and in the dark scheme."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.e2e.conftest import DESKTOP, PHONE
from tests.pages import build_site

AXE = Path(__file__).resolve().parents[1] / "tools" / "node_modules" / "axe-core" / "axe.min.js"


def _session_cookie(user, live_server):
    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }


@pytest.mark.skipif(not AXE.exists(), reason="make test-tools installs axe-core")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "size, scheme", [(DESKTOP, "light"), (PHONE, "light"), (PHONE, "dark")], ids=["desktop", "phone", "phone-dark"]
)
def test_every_page_type_has_no_axe_violations(live_server, browser, size, scheme):
    pages = build_site()
    if scheme == "dark":
        # The dark scheme changes colours only, the same on every page: the page types with the most kinds
        # of text and control stand for the rest.
        pages = {name: pages[name] for name in ("home", "story", "story in Assamese", "contact", "story form")}
    found = {}
    for name, (path, user) in pages.items():
        # axe is injected as a script of the test's own; our CSP rightly forbids that, so the test bypasses it.
        context = browser.new_context(viewport=size, bypass_csp=True, color_scheme=scheme)
        if user is not None:
            context.add_cookies([_session_cookie(user, live_server)])
        page = context.new_page()
        page.goto(live_server.url + path)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "() => axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}, rules: {'target-size': {enabled: true}}})"
        )
        violations = [
            f"{v['id']}: {v['help']} ({', '.join(node['target'][0] for node in v['nodes'][:3])})"
            for v in result["violations"]
        ]
        if violations:
            found[name] = violations
        context.close()
    assert found == {}
