"""Data builders for the reading-site tests."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.tests.factories import make_article, make_reporter, make_section, make_tag


@pytest.fixture
def newsroom(photo_bytes):
    """Build `articles` published stories over `sections` sections, each with several authors and tags."""

    def build(*, articles=3, sections=2, authors_per_story=3, tags_per_story=3, with_photos=True):
        section_list = [make_section() for _ in range(sections)]
        reporters = [make_reporter(photo=photo_bytes(40, 40) if with_photos else None) for _ in range(4)]
        tags = [make_tag() for _ in range(5)]
        now = timezone.now()
        stories = []
        for n in range(articles):
            stories.append(
                make_article(
                    section=section_list[n % sections],
                    authors=[reporters[(n + k) % len(reporters)] for k in range(authors_per_story)],
                    tags=[tags[(n + k) % len(tags)] for k in range(tags_per_story)],
                    published_at=now - timedelta(hours=n + 1),
                    photo=photo_bytes(64, 48) if with_photos else None,
                    is_featured=n == 0,
                    view_count=n * 3,
                )
            )
        return {"sections": section_list, "reporters": reporters, "tags": tags, "articles": stories}

    return build
