"""The look, as a reader meets it in Chromium: focus that shows, the phone header, dark mode without
JavaScript, print, and text that stays put while the web fonts arrive."""

import pytest
from playwright.sync_api import expect

from articles.tests.factories import make_section
from tests.e2e.conftest import DESKTOP, PHONE
from tests.pages import build_site

pytestmark = pytest.mark.django_db(transaction=True)

# The relative luminance and contrast ratio of WCAG 2, from the browser's computed colours.
CONTRAST = """
() => {
  const rgb = (css) => css.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => v / 255)
      .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
      .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const behind = (el) => {
    for (let node = el.parentElement; node; node = node.parentElement) {
      const bg = getComputedStyle(node).backgroundColor;
      if (!bg.startsWith("rgba") || !bg.endsWith(", 0)")) return bg;
    }
    return getComputedStyle(document.body).backgroundColor;
  };
  let el = document.activeElement;
  // The theme switch's checkbox is invisible; its label carries the focus outline.
  if (el.id === "theme-switch") el = el.nextElementSibling;
  const style = getComputedStyle(el);
  const inset = parseFloat(style.outlineOffset) < 0;
  const around = inset ? (style.backgroundColor.endsWith(", 0)") ? behind(el) : style.backgroundColor) : behind(el);
  const [a, b] = [lum(rgb(style.outlineColor)), lum(rgb(around))];
  return {
    element: el.outerHTML.slice(0, 80),
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
  };
}
"""


@pytest.fixture
def site():
    return build_site()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_control_shows_a_solid_focus_outline_of_3_to_1_or_more(live_server, browser, site, scheme):
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    faint = []
    for name in ("home", "story", "contact"):
        page.goto(live_server.url + site[name][0])
        seen = set()
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement === document.body"):
                continue  # past the last control, before the first again
            focus = page.evaluate(CONTRAST)
            if focus["element"] in seen:
                continue
            seen.add(focus["element"])
            if focus["style"] != "solid" or focus["width"] < 2 or focus["ratio"] < 3:
                faint.append((name, focus))
        assert len(seen) > 20, name  # the walk reached past the header into the page
    context.close()
    assert faint == []


@pytest.mark.parametrize("path", ["/", "/as/"], ids=["english", "assamese"])
def test_the_phone_header_keeps_its_links_on_one_line_and_shows_that_sections_scroll(live_server, browser, path):
    build_site()
    for n, name in enumerate(["Guwahati", "North East", "India", "World", "Business", "Sports", "Culture"]):
        make_section(name=name, slug=name.lower().replace(" ", "-"), order=n + 2)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + path)
    header = page.evaluate(
        """() => {
          const bar = document.querySelector('.site-topbar .container');
          const links = [...bar.querySelectorAll('a, label, span[aria-current]')].filter(e => e.offsetParent);
          const nav = document.querySelector('.section-nav ul');
          return {
            tops: [...new Set(links.map(e => Math.round(e.getBoundingClientRect().top)))],
            pageWidth: document.documentElement.scrollWidth,
            sectionsScroll: nav.scrollWidth > nav.clientWidth,
            cue: getComputedStyle(nav).backgroundAttachment,
          };
        }"""
    )
    context.close()
    assert len(header["tops"]) == 1, header
    assert header["pageWidth"] <= PHONE["width"]
    assert header["sectionsScroll"] and header["cue"] == "local, scroll", header


def _background(page):
    return page.evaluate("() => getComputedStyle(document.body).backgroundColor")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_theme_switch_flips_the_system_scheme_without_javascript(live_server, browser, site, scheme):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + site["story"][0])
    white, dark = "rgb(255, 255, 255)", "rgb(18, 20, 22)"
    assert _background(page) == (white if scheme == "light" else dark)
    switch = page.get_by_role("checkbox", name="Dark theme" if scheme == "light" else "Light theme")
    switch.check()
    expect(page.locator("body")).to_have_css("background-color", dark if scheme == "light" else white)
    switch.uncheck()
    expect(page.locator("body")).to_have_css("background-color", white if scheme == "light" else dark)
    context.close()


def test_with_javascript_the_chosen_theme_follows_the_reader_to_the_next_page(live_server, browser, site):
    context = browser.new_context(viewport=PHONE, color_scheme="light")
    page = context.new_page()
    page.goto(live_server.url + site["story"][0])
    page.get_by_role("checkbox", name="Dark theme").check()
    page.goto(live_server.url + site["section"][0])
    expect(page.get_by_role("checkbox", name="Dark theme")).to_be_checked()
    expect(page.locator("body")).to_have_css("background-color", "rgb(18, 20, 22)")
    page.get_by_role("checkbox", name="Dark theme").uncheck()
    page.goto(live_server.url + "/")
    expect(page.locator("body")).to_have_css("background-color", "rgb(255, 255, 255)")
    context.close()


def test_a_printed_story_keeps_text_photo_byline_and_address_and_drops_the_rest(live_server, browser, site):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(live_server.url + site["story"][0])
    page.emulate_media(media="print")
    for kept in (".story-body", ".story-photo img", ".byline", ".story-headline", ".site-footer address"):
        expect(page.locator(kept).first).to_be_visible()
    for dropped in (".section-nav", ".share-links", "#comments", ".site-search", ".story-aside", ".breadcrumb"):
        expect(page.locator(dropped).first).to_be_hidden()
    context.close()


SHIFTS = """
() => new Promise(resolve => document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => {
  resolve(window.layoutShift);
}))))
"""


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("language", ["en", "as"])
def test_the_story_does_not_shift_as_its_fonts_arrive(live_server, browser, site, language, size):
    path = site["story"][0] if language == "en" else site["story in Assamese"][0]
    context = browser.new_context(viewport=size)
    page = context.new_page()
    page.add_init_script(
        "window.layoutShift = 0; new PerformanceObserver(list => list.getEntries().forEach(e => {"
        " if (e.hadRecentInput) return; window.layoutShift += e.value; window.shifted = (window.shifted || [])"
        ".concat(e.sources.map(s => s.node && s.node.nodeType === 1 ? s.node.outerHTML.slice(0, 60) : 'text')); }))"
        ".observe({type: 'layout-shift', buffered: true});"
    )
    # A reader coming back: the fonts, photos and stylesheet are in the browser's cache (a first visit's
    # shift depends on the phone's own Bengali font, the fallback; Lighthouse measures that, docs/).
    page.goto(live_server.url + path)
    page.evaluate("() => document.fonts.ready.then(() => true)")
    page.evaluate("() => { window.layoutShift = 0; window.shifted = []; }")
    page.goto(live_server.url + path)
    used = page.evaluate("() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    shift = page.evaluate(SHIFTS)
    shifted = page.evaluate("() => window.shifted")
    context.close()
    assert ("Noto Serif Bengali" if language == "as" else "Noto Serif") in used
    assert shift < 0.02, shifted


@pytest.mark.django_db(transaction=True)
def test_a_long_word_in_a_comment_or_a_search_never_widens_the_phone_page(live_server, browser):
    from articles.comments.tests.comment_helpers import make_comment
    from articles.tests.factories import make_article

    story = make_article(headline="Ferry services resume")
    make_comment(story, body="x" * 300 + " https://example.com/" + "a" * 200)
    make_comment(story, body="বানপানীৰ পিছত ফেৰী আকৌ চলিছে।", name="Pallavi Das")
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    for path in (story.get_absolute_url(), "/as" + story.get_absolute_url(), "/search/?q=" + "y" * 3000):
        page.goto(live_server.url + path)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"], path
    # An Assamese comment on the English page is drawn with the Assamese face, not as empty boxes.
    page.goto(live_server.url + story.get_absolute_url())
    comment = page.get_by_text("বানপানীৰ পিছত").first
    assert "Noto Serif Bengali" in comment.evaluate("element => getComputedStyle(element).fontFamily")
    context.close()
