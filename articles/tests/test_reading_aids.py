"""The seed portal's reading aids: "Read more" / "Read less" on a long story, "To the top" on long pages."""

from html.parser import HTMLParser

import pytest

from articles.html import fold_story
from articles.tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db

PARAGRAPHS = [f"Paragraph {n}: " + " ".join(f"word{n}x{k}" for k in range(30)) for n in range(1, 8)]
LONG_BODY = (
    f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><h2>What next</h2><p>{PARAGRAPHS[2]}</p>"
    f"<blockquote><p>{PARAGRAPHS[3]}</p><p>{PARAGRAPHS[4]}</p></blockquote><p>{PARAGRAPHS[5]} <br> "
    f'<a href="https://example.com/">a link</a></p><hr><p>{PARAGRAPHS[6]}</p>'
)


class _Elements(HTMLParser):
    """Every element's tag and attributes, and the text inside each element with an id."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements, self.text_of, self._open_ids = [], {}, []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag not in {"br", "img", "hr", "input", "meta", "link"}:
            self._open_ids.append(attrs.get("id"))
            if attrs.get("id"):
                self.text_of[attrs["id"]] = ""

    def handle_endtag(self, tag):
        if tag not in {"br", "img", "hr", "input", "meta", "link"} and self._open_ids:
            self._open_ids.pop()

    def handle_data(self, data):
        for element_id in filter(None, self._open_ids):
            self.text_of[element_id] += data


def test_a_long_body_folds_between_whole_blocks_after_the_first_three():
    head, rest = fold_story(LONG_BODY)
    assert head + rest == LONG_BODY
    assert head == f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><h2>What next</h2>"
    assert rest.startswith("<p>Paragraph 3") and rest.endswith(f"<p>{PARAGRAPHS[6]}</p>")


@pytest.mark.parametrize(
    "body",
    [
        "<p>One short paragraph.</p>",
        "".join(f"<p>Short paragraph {n}.</p>" for n in range(10)),  # many blocks, few words
        f"<p>{' '.join(['word'] * 400)}</p><p>And a second.</p>",  # many words, too few blocks
    ],
    ids=["short", "few-words", "few-blocks"],
)
def test_a_short_story_is_never_folded(body):
    assert fold_story(body) == (body, "")


def test_a_long_story_has_read_more_and_read_less_in_plain_html_with_its_whole_text(client):
    story = make_article(headline="A long report", body=LONG_BODY)
    html = client.get(story.get_absolute_url()).content.decode()
    page = _Elements(html)
    [toggle] = [attrs for tag, attrs in page.elements if tag == "input" and attrs.get("id") == "fold"]
    assert toggle["type"] == "checkbox" and toggle["aria-controls"] == "fold-rest"
    [label] = [attrs for tag, attrs in page.elements if tag == "label" and attrs.get("for") == "fold"]
    assert ">Read more<" in html and ">Read less<" in html
    # Everything is in the page: the part before the fold and the folded part.
    for paragraph in PARAGRAPHS[:2]:
        assert paragraph in html and paragraph not in page.text_of["fold-rest"]
    for paragraph in PARAGRAPHS[2:]:
        assert paragraph in page.text_of["fold-rest"]
    # Nothing of it needs JavaScript: the fold is a checkbox and its label, folded by the style sheet.
    fold = html[html.index('id="fold"') :]
    assert "<script" not in fold[: fold.index('for="fold"')]
    # Hidden (and out of the keyboard's way) on wider screens: there the story is never folded.
    assert "d-md-none" in toggle["class"] and "d-md-none" in label["class"]


def test_the_fold_is_in_the_readers_language(client):
    story = make_article(headline="A long report", body=LONG_BODY)
    story.headline_as, story.body_as = "দীঘল প্ৰতিবেদন", LONG_BODY
    story.save()
    html = client.get(f"/as{story.get_absolute_url()}").content.decode()
    assert ">আৰু পঢ়ক<" in html and ">কম দেখুৱাওক<" in html
    assert '<label for="fold"' in html and 'lang="as"><span class="more">' in html


def test_a_short_story_has_no_fold(client):
    story = make_article(body="<p>Just one paragraph.</p>")
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'id="fold"' not in html and "Just one paragraph." in html


def test_the_style_sheet_folds_only_on_a_phone():
    from django.contrib.staticfiles import finders

    with open(finders.find("css/site.css"), encoding="utf-8") as style_sheet:
        css = style_sheet.read()
    [phone_rule] = [line for line in css.splitlines() if "#fold-rest" in line]
    assert phone_rule.startswith("@media (max-width: 767.98px) { #fold:not(:checked) ~ #fold-rest")


def test_long_pages_end_with_a_link_to_the_top(client):
    section = make_section(slug="assam")
    story = make_article(section=section, body=LONG_BODY)
    for url in ("/", "/section/assam/", story.get_absolute_url(), "/as/"):
        page = _Elements(client.get(url).content.decode())
        links = [attrs for tag, attrs in page.elements if tag == "a" and attrs.get("href") == "#top"]
        assert len(links) == 1, url
