"""Seed a newsroom-scale data set quickly with bulk inserts (run with Django set up).

20,000 stories, 200,000 comments, 2,000 reporters and 20,000 enquiries by default; every
story shares one lead photo file so renditions are made once. Idempotent: a database that
already holds the stories is left alone.
"""

import io
import random
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from PIL import Image

from accounts.models import Reporter, User
from articles.comments.models import Comment
from articles.comments.text import comment_body_html
from articles.models import Article, Section, Tag
from articles.renditions import make_renditions_of
from enquiries.models import Enquiry

BENCH_PASSWORD = "bench-password-2026"  # noqa: S105 - a throwaway benchmark database

WORDS = (  # noqa: SIM905 - a sentence is easier to read than a list of words
    "flood river bridge district market school college farmers tea garden festival bihu election council "
    "hospital road railway monsoon rain village city brahmaputra guwahati dibrugarh jorhat tezpur silchar "
    "students teachers trade exports football cricket culture music film weavers silk oil refinery"
).split()


def _vocabulary(rng, size=6000):
    """News words plus made-up ones, most of them rare, as in real text (a search matches a few stories)."""
    syllables = ["ka", "ri", "mo", "na", "ta", "lu", "gor", "bha", "sin", "pur", "dhe", "ju", "ram", "ol", "kes"]
    made_up = {"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(size)}
    return [*WORDS, *sorted(made_up)]


def _sentence(rng, words=12):
    # Zipf-like: the few common words appear everywhere, any one rare word in few stories.
    picked = rng.choices(VOCABULARY, weights=WEIGHTS, k=words)
    return " ".join(picked).capitalize() + "."


VOCABULARY = _vocabulary(random.Random(11))
WEIGHTS = [1 / (rank + 20) for rank in range(len(VOCABULARY))]


def _photo_name():
    name = "bench/lead.jpg"
    if not default_storage.exists(name):
        buffer = io.BytesIO()
        Image.new("RGB", (1200, 675), (30, 90, 160)).save(buffer, format="JPEG", quality=80)
        name = default_storage.save(name, ContentFile(buffer.getvalue()))
    return name


def seed(stories=20_000, comments=200_000, reporters=2_000, enquiries=20_000, batch=2_000):
    if Article.objects.count() >= stories:
        return False
    rng = random.Random(7)
    now = timezone.now()
    password = make_password(BENCH_PASSWORD)
    with transaction.atomic():
        sections = [
            Section.objects.get_or_create(slug=f"section-{n}", defaults={"name": f"Section {n}", "order": n})[0]
            for n in range(10)
        ]
        tags = [Tag.objects.get_or_create(slug=f"tag-{n}", defaults={"name": f"Tag {n}"})[0] for n in range(40)]
        users = User.objects.bulk_create(
            [
                User(email=f"reporter{n}@bench.newsroom", full_name=f"Reporter {n}", password=password)
                for n in range(reporters)
            ],
            batch_size=batch,
        )
        users = list(User.objects.filter(email__endswith="@bench.newsroom").order_by("pk"))
        Reporter.objects.bulk_create(
            [
                Reporter(
                    user=user,
                    slug=f"reporter-{n}",
                    status=Reporter.Status.APPROVED,
                    district="Kamrup",
                    email_confirmed_at=now,
                    terms_accepted_at=now,
                    bio=_sentence(rng),
                )
                for n, user in enumerate(users)
            ],
            batch_size=batch,
        )
        profiles = list(Reporter.objects.filter(user__email__endswith="@bench.newsroom").order_by("pk"))
        photo = _photo_name()
        articles = []
        for n in range(stories):
            body = "".join(f"<p>{_sentence(rng, 40)}</p>" for _ in range(6))
            headline = f"{_sentence(rng, 8)[:-1]} {n}"
            articles.append(
                Article(
                    headline_en=headline,
                    headline=headline,
                    slug=f"bench-story-{n}",
                    summary_en=_sentence(rng, 25),
                    summary=_sentence(rng, 25),
                    body_en=body,
                    body=body,
                    headline_as=f"অসমৰ বাতৰি {n}" if n % 4 == 0 else "",
                    body_as="<p>ব্ৰহ্মপুত্ৰৰ পাৰত নতুন দলং।</p>" if n % 4 == 0 else "",
                    section=sections[n % len(sections)],
                    status=Article.Status.PUBLISHED,
                    published_at=now - timedelta(minutes=10 * n + 5),
                    lead_photo=photo,
                    lead_photo_width=1200,
                    lead_photo_height=675,
                    photo_alt_en="A bench photo",
                    view_count=rng.randint(0, 5000),
                )
            )
        Article.objects.bulk_create(articles, batch_size=batch)
        # The worker makes renditions after a save; bulk_create saves nothing one by one: make the shared ones.
        make_renditions_of(Article.objects.filter(slug__startswith="bench-story-").first())
        article_ids = list(Article.objects.filter(slug__startswith="bench-story-").values_list("pk", flat=True))
        Through = Article.authors.through
        Through.objects.bulk_create(
            [Through(article_id=pk, reporter_id=profiles[i % len(profiles)].pk) for i, pk in enumerate(article_ids)],
            batch_size=batch,
        )
        TagThrough = Article.tags.through
        TagThrough.objects.bulk_create(
            [
                TagThrough(article_id=pk, tag_id=tags[(i * 7 + k) % len(tags)].pk)
                for i, pk in enumerate(article_ids)
                for k in range(2)
            ],
            batch_size=batch,
        )
        statuses = [Comment.Status.APPROVED] * 8 + [Comment.Status.HELD, Comment.Status.SPAM]
        for start in range(0, comments, batch):
            Comment.objects.bulk_create(
                [
                    Comment(
                        article_id=article_ids[(n * 13) % len(article_ids)],
                        name=f"Reader {n}",
                        email=f"reader{n % 5000}@example.com",
                        body=(body := _sentence(rng, 20)),
                        body_html=comment_body_html(body),  # what Comment.save() would write
                        status=statuses[n % len(statuses)],
                        created_at=now - timedelta(seconds=n),
                    )
                    for n in range(start, min(start + batch, comments))
                ]
            )
        Comment.objects.recount_stories(article_ids)  # the cards' counts; bulk_create sends no signals
        kinds = [choice for choice, _label in Enquiry.Kind.choices]
        enquiry_statuses = [choice for choice, _label in Enquiry.Status.choices]
        Enquiry.objects.bulk_create(
            [
                Enquiry(
                    reference=f"ENQ-B-{n:07d}",
                    name=f"Sender {n}",
                    email=f"sender{n}@example.com",
                    kind=kinds[n % len(kinds)],
                    subject=_sentence(rng, 6),
                    message=_sentence(rng, 60),
                    consent=True,
                    status=enquiry_statuses[n % len(enquiry_statuses)],
                )
                for n in range(enquiries)
            ],
            batch_size=batch,
        )
    return True


def settle():
    """Vacuum and analyse, as autovacuum leaves a database that has been running a while: fresh
    statistics, and visibility maps so that index-only scans need not visit the table."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
