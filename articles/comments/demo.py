"""Demo reader comments for seed_demo: approved conversations, a staff reply, held, reported and spam comments.

Safe to run twice: stories that already have comments are left alone.
"""

from datetime import timedelta

from django.utils import timezone

from articles.comments.models import BlockedTerm, Comment, CommentReport
from articles.models import Article

READERS = [
    ("Mridul Bora", "mridul.bora@example.com"),
    ("Pallavi Das", "pallavi.das@example.com"),
    ("Jahnabi Kalita", "jahnabi@example.com"),
    ("Rituraj Phukan", "rituraj.p@example.com"),
    ("Nasrin Begum", "nasrin.b@example.com"),
]

CONVERSATIONS = [
    "This is good news for the whole district. It took years, but it is finally happening.",
    "খবৰটো পঢ়ি ভাল লাগিল। এনেকুৱা খবৰ আৰু বেছিকৈ প্ৰকাশ কৰক।",
    "Does anyone know when the work near the market will finish? The road has been closed for weeks.",
    "The official figures are on the district website: https://example.org/district/report",
    "বানপানীৰ সময়ত সকলোৱে সাৱধানে থাকিব। প্ৰশাসনৰ হেল্পলাইন নম্বৰটো মনত ৰাখক।",
]

REPLIES = [
    "I agree, though we should keep asking questions until it is done properly.",
    "মইও একমত। ধন্যবাদ।",
]

STAFF_REPLY = (
    "Thank you for reading. Our correspondent will follow this story and report on the work every month. "
    "Send news tips through the Contact Us page."
)
HELD = "Great article! Visit https://cheap-deals.example and https://more-deals.example and http://deals.example now"
REPORTED = "Everyone who disagrees with me is an idiot and should leave the state."
SPAM = "Best casino bonus today, click my profile"


def _comment(article, body, reader, *, at, moderator, status=Comment.Status.APPROVED, **extra):
    name, email = reader
    moderated = status != Comment.Status.HELD
    return Comment.objects.create(
        article=article,
        name=name,
        email=email,
        body=body,
        status=status,
        ip_address=f"203.0.113.{10 + at.minute % 200}",
        user_agent="Mozilla/5.0 (Linux; Android 14) demo",
        created_at=at,
        moderated_at=timezone.now() if moderated else None,
        moderated_by=moderator if moderated else None,
        **extra,
    )


def seed(people):
    # The block list moderators start from: the address the demo's spammer writes from.
    BlockedTerm.objects.get_or_create(
        kind=BlockedTerm.Kind.EMAIL, value="deals@example.net", defaults={"note": "Sends deals in every thread."}
    )
    stories = list(Article.objects.published().order_by("-published_at", "-pk")[:6])
    now = timezone.now()
    editor = people.editor
    for number, article in enumerate(stories):
        if article.comments.exists():
            continue
        start = max(article.published_at, now - timedelta(days=2))
        step = (now - start) / 12

        def at(n, start=start, step=step):
            return start + step * n

        conversations = [
            _comment(
                article,
                CONVERSATIONS[(number + n) % len(CONVERSATIONS)],
                READERS[(number + n) % len(READERS)],
                at=at(n),
                moderator=editor,
            )
            for n in range(3 + number % 3)
        ]
        _comment(
            article,
            REPLIES[number % len(REPLIES)],
            READERS[(number + 4) % len(READERS)],
            at=at(6),
            moderator=editor,
            parent=conversations[0],
        )
        if number % 2 == 0:
            _comment(
                article,
                STAFF_REPLY,
                (editor.full_name, editor.email),
                at=at(7),
                moderator=editor,
                parent=conversations[-1],
                user=editor,
                is_staff_reply=True,
            )
        if number < 3:
            _comment(
                article,
                HELD,
                ("Deal Finder", "deals@example.net"),
                at=at(8),
                moderator=editor,
                status=Comment.Status.HELD,
                hold_reason=Comment.HoldReason.LINKS,
            )
            _comment(
                article,
                "I was there this morning and the queue was very long. Please report on that too.",
                READERS[number],
                at=at(9),
                moderator=editor,
                status=Comment.Status.HELD,
            )
        if number in (0, 2):
            reported = _comment(
                article,
                REPORTED,
                ("Angry Reader", "angry@example.net"),
                at=at(10),
                moderator=editor,
                report_count=2,
                reported_at=now,
            )
            CommentReport.objects.create(comment=reported, reason=CommentReport.Reason.ABUSE, ip_address="198.51.100.4")
            CommentReport.objects.create(comment=reported, reason=CommentReport.Reason.OTHER, ip_address="198.51.100.5")
        if number == 1:
            _comment(
                article,
                SPAM,
                ("Lucky Win", "lucky@spam.example"),
                at=at(11),
                moderator=editor,
                status=Comment.Status.SPAM,
            )
    return stories
