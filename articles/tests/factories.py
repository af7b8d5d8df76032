"""Small factory functions for tests: each test states only what matters to it.

Other apps' tests may import these too::

    from articles.tests.factories import make_article, make_reporter, make_section
"""

import itertools
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import Reporter, User
from articles.models import Article, Section, Tag

_numbers = itertools.count(1)


def _next():
    return next(_numbers)


def make_user(*, email=None, full_name=None, password="a-long-test-password-42", **extra):  # noqa: S107
    n = _next()
    return User.objects.create_user(
        email=email or f"user{n}@example.com", full_name=full_name or f"Test User {n}", password=password, **extra
    )


def make_reporter(*, full_name=None, status=Reporter.Status.APPROVED, photo=None, confirmed=True, user=None, **extra):
    """A reporter; approved with a confirmed e-mail by default. `photo` is bytes (e.g. from photo_bytes())."""
    user = user or make_user(full_name=full_name)
    now = timezone.now()
    reporter = Reporter(
        user=user,
        status=status,
        email_confirmed_at=now if confirmed else None,
        terms_accepted_at=now,
        **extra,
    )
    if photo is not None:
        reporter.photo = ContentFile(photo, name="portrait.jpg")
    reporter.save()
    return reporter


def make_section(*, name=None, slug=None, **extra):
    n = _next()
    name = name or f"Section {n}"
    return Section.objects.create(name=name, slug=slug or f"section-{n}", **extra)


def make_tag(*, name=None, slug=None):
    n = _next()
    name = name or f"Tag {n}"
    return Tag.objects.create(name=name, slug=slug or f"tag-{n}")


def make_article(
    *,
    published=True,
    headline=None,
    section=None,
    authors=(),
    tags=(),
    published_at=None,
    status=None,
    photo=None,
    **extra,
):
    """A story. Published an hour ago by default; `published=False` makes a draft.

    `photo` is bytes (e.g. from the photo_bytes fixture) saved as the lead photo.
    """
    n = _next()
    if status is None:
        status = Article.Status.PUBLISHED if published else Article.Status.DRAFT
    if published_at is None and status in (Article.Status.PUBLISHED, Article.Status.SCHEDULED):
        published_at = timezone.now() - timedelta(hours=1)
    article = Article(
        headline=headline or f"Story number {n}",
        summary=extra.pop("summary", f"The summary of story {n}."),
        body=extra.pop("body", f"<p>The body of story {n}.</p>"),
        section=section or make_section(),
        status=status,
        published_at=published_at,
        **extra,
    )
    if photo is not None:
        # Assigned, not .save()d: the model then strips its metadata and records its size.
        article.lead_photo = ContentFile(photo, name=f"story-{n}.jpg")
    article.save()
    if authors:
        article.authors.set(authors)
    if tags:
        article.tags.set(tags)
    return article
