"""What readers' text becomes on the page: escaped, links made safe, Assamese kept intact."""

import pytest
from django.test import Client

from articles.comments.models import Comment
from articles.comments.templatetags.comments import comment_html
from articles.comments.tests.comment_helpers import comment_data, make_comment, post_url
from articles.tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_script_tags_are_shown_as_text_never_run():
    html = comment_html('<script>alert("x")</script><img src=x onerror=alert(1)>')
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_web_addresses_become_links_marked_nofollow_ugc_noopener():
    html = comment_html("Details at https://assam.gov.in/floods and www.example.org today")
    assert '<a rel="nofollow ugc noopener" href="https://assam.gov.in/floods">https://assam.gov.in/floods</a>' in html
    assert '<a rel="nofollow ugc noopener" href="http://www.example.org">www.example.org</a>' in html
    assert html.count("<a ") == 2


def test_javascript_and_data_addresses_never_become_links():
    html = comment_html(
        'javascript:alert(document.cookie) data:text/html,<b>x</b> <a href="javascript:alert(1)">hi</a>'
    )
    assert "<a " not in html
    assert 'href="javascript' not in html
    assert "&lt;a href=&quot;javascript:alert(1)&quot;&gt;hi&lt;/a&gt;" in html


def test_a_link_cannot_break_out_of_its_attribute():
    html = comment_html('https://example.com/"onmouseover="alert(1)')
    assert 'onmouseover="alert' not in html
    assert "<a " in html


def test_assamese_text_and_html_entities_are_kept_as_typed():
    text = "বানপানী &amp; গড়কাপ্তানী — খবৰটো ভাল। <b>জয় আই অসম</b> &lt;3"
    html = comment_html(text)
    assert "বানপানী &amp;amp; গড়কাপ্তানী" in html
    assert "&lt;b&gt;জয় আই অসম&lt;/b&gt;" in html
    assert "&amp;lt;3" in html


def test_paragraphs_and_line_breaks_are_kept():
    html = comment_html("First line\nsecond line\n\nNew paragraph")
    assert html == "<p>First line<br>second line</p><p>New paragraph</p>"


def test_long_addresses_are_shortened_on_the_page_but_link_in_full():
    address = "https://example.com/" + "a" * 100
    html = comment_html(address)
    assert f'href="{address}"' in html
    assert "…</a>" in html


def test_hostile_input_posted_through_the_form_is_escaped_on_the_story_page(settings):
    settings.COMMENTS_AUTO_APPROVE_AFTER = 1
    settings.COMMENTS_MAX_LINKS = 5
    article = make_article()
    make_comment(article, email="regular@example.com")
    reader = Client()
    hostile_name = '<img src=x onerror="alert(1)">'
    reader.post(
        post_url(article),
        comment_data(
            name=hostile_name,
            email="regular@example.com",
            body="<script>steal()</script> javascript:alert(1) see https://example.com/?a=1&b=2 অসম &amp;",
        ),
    )
    assert Comment.objects.get(email="regular@example.com", name=hostile_name).status == Comment.Status.APPROVED

    page = Client().get(article.get_absolute_url()).content.decode()
    assert "<script>steal()</script>" not in page
    assert "&lt;script&gt;steal()&lt;/script&gt;" in page
    assert '<img src=x onerror="alert(1)">' not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert '<a rel="nofollow ugc noopener" href="https://example.com/?a=1&amp;b=2">' in page
    assert 'href="javascript' not in page
    assert "অসম &amp;amp;" in page
