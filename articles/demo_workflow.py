"""The demo's stories in every state of the editorial workflow (seed_demo), filed by the demo reporters
and moved on by its desk editor (accounts/demo.py)."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from articles import services
from articles.demo import draw_photo
from articles.models import Article, Section

WORKFLOW_STORIES = [
    # (headline, reporter index, steps after filing, note)
    ("Tea garden wage talks to resume in Dibrugarh next week", 0, [], ""),
    ("Jorhat's new river port waits for its first cargo boat", 1, ["submit"], ""),
    (
        "Nalbari weavers' cooperative doubles its members",
        2,
        ["submit", "return"],
        "Good story. Please add a quote from the cooperative's secretary and check the membership figures.",
    ),
    ("Guwahati's heritage buildings get blue plaques", 3, ["submit", "schedule"], ""),
    (
        "Rumour of a leopard in a Jorhat school proves false",
        0,
        ["submit", "reject"],
        "We cannot publish an unconfirmed rumour. The forest department denied it this morning.",
    ),
]


# Each workflow story's standfirst, by its headline.
WORKFLOW_SUMMARIES = {
    "Tea garden wage talks to resume in Dibrugarh next week": (
        "Planters and the workers' union meet again on Tuesday, with the daily wage and housing repairs on the table."
    ),
    "Jorhat's new river port waits for its first cargo boat": (
        "The jetty and the warehouse are ready, but the channel still needs dredging before a loaded boat can berth."
    ),
    "Nalbari weavers' cooperative doubles its members": (
        "Younger weavers are joining for the shared looms and the orders the cooperative wins from city shops."
    ),
    "Guwahati's heritage buildings get blue plaques": (
        "Forty buildings, from the old court to a Pan Bazaar bookshop, will carry a plaque telling their story."
    ),
    "Rumour of a leopard in a Jorhat school proves false": (
        "Parents kept their children at home after a video spread, but forest guards found no trace of the animal."
    ),
}


def seed(people):
    """Stories in every state of the editorial workflow, each moved there by articles/services.py
    so its history is recorded, by the reporters and the desk editor of accounts/demo.py."""
    desk_editor = people.desk_editor

    section = Section.objects.order_by("order").first()
    reporters = people.approved_reporters
    stories = []
    for headline, reporter_index, steps, note in WORKFLOW_STORIES:
        article = Article.objects.filter(headline=headline).first()
        if article is not None:
            stories.append(article)
            continue
        reporter = reporters[reporter_index % len(reporters)]
        article = Article.objects.create(
            headline=headline,
            summary=WORKFLOW_SUMMARIES[headline],
            body=f"<p>{headline}.</p><p>{reporter.name} reports from {reporter.district}.</p>",
            section=section,
            photo_caption=f"{reporter.district}, as {reporter.name} saw it.",
            photo_alt=f"Photo for the story: {headline}",
        )
        # Filed with a photo, as reporters do: the desk's everyday edits must keep it.
        article.lead_photo = ContentFile(draw_photo(section.slug, article.pk), name=f"filed-{article.pk}.jpg")
        article.save()
        article.authors.add(reporter)
        for step in steps:
            actor = reporter.user if step == "submit" else desk_editor
            details = {"note": note} if step in ("return", "reject") else {}
            if step == "schedule":
                details["at"] = timezone.now() + timedelta(days=2)
            services.take_step(step, article=article, actor=actor, notify=False, **details)
        stories.append(article)
    return stories
