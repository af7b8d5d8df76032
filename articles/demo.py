"""Demo sections and stories for seed_demo, with photos drawn by Pillow."""

import io
import random
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from articles.models import Article, Section, Tag

SECTIONS = [
    ("Assam", "assam", "News from every district of Assam.", (155, 28, 28)),
    ("Guwahati", "guwahati", "The capital city: civic life, traffic, weather and events.", (30, 90, 160)),
    ("North East", "north-east", "Arunachal, Manipur, Meghalaya, Mizoram, Nagaland, Sikkim, Tripura.", (20, 120, 90)),
    ("India", "india", "National news that matters to Assam.", (200, 110, 20)),
    ("World", "world", "International news.", (80, 60, 140)),
    ("Business", "business", "Tea, oil, trade and the state's economy.", (40, 100, 110)),
    ("Sports", "sports", "Football, cricket, athletics and the Assamese in sport.", (0, 110, 160)),
    ("Culture", "culture", "Bihu, film, music, literature and the arts.", (170, 50, 110)),
]

TAGS = ["Brahmaputra", "Floods", "Tea gardens", "Bihu", "Elections", "Kaziranga", "Education", "Health"]

PLACES = [
    *("Guwahati", "Dibrugarh", "Jorhat", "Tezpur", "Silchar"),
    *("Nagaon", "Barpeta", "Sivasagar", "Majuli", "Goalpara"),
]

HEADLINES = {
    "assam": [
        "Flood waters recede in {place} as relief camps begin to close",
        "New bridge over the Brahmaputra near {place} opens to traffic",
        "{place} district launches drive to vaccinate every child by March",
        "Farmers in {place} welcome early rain for the sali paddy",
        "{place} college opens its doors to adult learners",
        "Heritage walk in {place} draws hundreds of students",
        "{place} gets its first public library with a Braille section",
        "River erosion threatens three villages near {place}",
        "Panchayat in {place} wins national award for clean water",
    ],
    "guwahati": [
        "Guwahati's Zoo Road flyover to be ready by the monsoon",
        "Smart city buses add night routes across Guwahati",
        "Deepor Beel birds return in record numbers this winter",
        "Guwahati's oldest cinema hall reopens as an arts centre",
        "Waterlogging: Guwahati civic body maps fifty trouble spots",
        "Fancy Bazaar traders back pedestrian-only Sundays",
        "Guwahati book fair opens with a record 300 stalls",
        "New cycle lanes along the Brahmaputra riverfront",
        "Guwahati hospitals add beds for the dengue season",
    ],
    "north-east": [
        "Shillong hosts the region's biggest start-up meet",
        "Arunachal border roads project reaches remote valleys",
        "Tripura's rubber growers see prices rise",
        "Mizoram schools adopt solar power",
        "Nagaland's Hornbill festival breaks attendance record",
        "Manipur weavers find new buyers online",
        "Sikkim's organic farms draw visiting researchers",
    ],
    "india": [
        "Parliament passes bill on inland waterways",
        "Railways announce new Rajdhani service to Dibrugarh",
        "National exam results: Assam students among top scorers",
        "Centre releases flood-relief funds for the North East",
        "New national park guidelines praise Kaziranga model",
        "Monsoon forecast: above-normal rain expected in the east",
        "Digital payments grow fastest in small towns",
    ],
    "world": [
        "Asian rivers summit calls for shared flood warnings",
        "Tea prices firm at the Colombo auction",
        "Bangladesh and India agree on new border trade posts",
        "Climate talks end with pledge on river deltas",
        "Himalayan glaciers shrinking faster, study finds",
        "Bhutan opens new trade route to Assam",
        "Global football body praises India's youth league",
    ],
    "business": [
        "Assam tea exports climb for the third straight quarter",
        "Oil refinery in Numaligarh to double capacity",
        "Small tea growers form cooperative to sell direct",
        "Silk weavers of Sualkuchi see record festive sales",
        "New IT park in Guwahati to employ 5,000",
        "Bank credit to small firms in Assam rises sharply",
        "Muga silk gets a boost from new export rules",
    ],
    "sports": [
        "NorthEast United sign young striker from {place}",
        "Assam clinch Ranji Trophy win with a day to spare",
        "Hima Das returns to the track with a season best",
        "{place} boxers win three golds at the national meet",
        "Barsapara stadium to host a one-day international",
        "Schools football league draws 200 teams across Assam",
        "Assam's archers shine at the junior nationals",
    ],
    "culture": [
        "Rongali Bihu: {place} prepares for a week of song and dance",
        "Bhupen Hazarika centenary concerts announced",
        "Assamese film wins award at international festival",
        "Majuli's mask makers pass their craft to a new generation",
        "Sattriya dance festival returns to Guwahati",
        "Jonbeel Mela: the barter fair that outlived money",
        "Young writers revive Assamese short fiction",
    ],
}

PARAGRAPHS = [
    "Officials said the work had been planned for more than a year and that residents had been consulted at every "
    "stage. \u201cWe listened before we built,\u201d one of them told this newspaper.",
    "People in {place} said they had waited a long time for the change. Shopkeepers near the main market expect more "
    "visitors in the coming months.",
    "The district administration has set up a help desk and a phone line for anyone with questions, and promised to "
    "publish progress reports every month.",
    "Experts cautioned that the real test would come with the monsoon, when the Brahmaputra and its tributaries rise "
    "and the state's roads and embankments are pushed to their limits.",
    "Students from local colleges volunteered in large numbers, and several said the experience had made them think "
    "about careers in public service.",
    "The state government said it would review the results after six months and extend the scheme to other districts "
    "if it worked as intended.",
]


def draw_photo(title, colour, seed):
    """A 1200×675 JPEG: a coloured scene with hills, a river and a sun, different for each story."""
    rng = random.Random(seed)
    width, height = 1200, 675
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = int(60 * y / height)
        draw.line([(0, y), (width, y)], fill=tuple(max(0, c - shade) for c in colour))
    sun_x, sun_y = rng.randint(150, 1050), rng.randint(80, 220)
    draw.ellipse([sun_x - 50, sun_y - 50, sun_x + 50, sun_y + 50], fill=(250, 210, 90))
    for layer in range(3):
        base = 380 + layer * 70
        ridge = [(x, base - rng.randint(0, 120)) for x in range(0, width + 100, 100)]
        points = [(0, height), *ridge, (width, height)]
        tone = 30 + layer * 25
        draw.polygon(points, fill=(tone, 80 + layer * 20, tone))
    draw.rectangle([0, 560, width, 620], fill=(70, 130, 180))
    draw.text((40, 630), title[:80], fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def body_for(place, rng):
    paragraphs = rng.sample(PARAGRAPHS, 4)
    html = [f"<p>{p.format(place=place)}</p>" for p in paragraphs[:2]]
    html.append("<h2>What happens next</h2>")
    html.extend(f"<p>{p.format(place=place)}</p>" for p in paragraphs[2:])
    html.append("<blockquote><p>This is a moment the people of the region have earned.</p></blockquote>")
    return "".join(html)


CORRECTION = "An earlier version of this story gave the wrong date for the opening. It is on Monday, not Sunday."
SCHEDULED_HEADLINE = "Evening bulletin: what the Brahmaputra's water level means for tomorrow"


def draw_portrait(name, seed):
    """A 400×400 JPEG portrait placeholder: a head and shoulders on a coloured ground, with initials."""
    rng = random.Random(seed)
    ground = (rng.randint(60, 200), rng.randint(60, 200), rng.randint(60, 200))
    image = Image.new("RGB", (400, 400), ground)
    draw = ImageDraw.Draw(image)
    skin = (rng.randint(150, 210), rng.randint(110, 160), rng.randint(80, 120))
    draw.ellipse([130, 70, 270, 230], fill=skin)
    draw.ellipse([70, 250, 330, 520], fill=(40, 40, 60))
    initials = "".join(part[0] for part in name.split()[:2])
    draw.text((20, 20), initials, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def seed(people):
    sections = {}
    for order, (name, slug, description, colour) in enumerate(SECTIONS):
        section, _created = Section.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "order": order}
        )
        sections[slug] = (section, colour)
    tags = [Tag.objects.get_or_create(slug=name.lower().replace(" ", "-"), defaults={"name": name})[0] for name in TAGS]

    reporters = people.approved_reporters
    for n, reporter in enumerate(reporters):
        if not reporter.photo:
            reporter.photo = ContentFile(draw_portrait(reporter.name, n), name=f"{reporter.slug}.jpg")
            reporter.save()
    rng = random.Random(2026)
    now = timezone.now()
    number = 0
    stories = []
    for slug, (section, colour) in sections.items():
        for headline_template in HEADLINES[slug]:
            place = PLACES[number % len(PLACES)]
            headline = headline_template.format(place=place)
            published_at = now - timedelta(hours=5 + number * 9, minutes=rng.randint(0, 59))
            article = Article.objects.filter(headline=headline).first()
            if article is None:
                article = Article(
                    headline=headline,
                    summary=f"{headline}. Our correspondent reports from {place}.",
                    body=body_for(place, rng),
                    section=section,
                    status=Article.Status.PUBLISHED,
                    published_at=published_at,
                    is_featured=number == 0,
                    photo_caption=f"A view near {place}.",
                    photo_credit="Newsroom photo desk",
                    photo_alt=f"Illustration for the story: {headline}",
                    view_count=rng.randint(20, 3000) if number < 20 else rng.randint(0, 400),
                    correction=CORRECTION if number == 3 else "",
                )
                # Assigned (not .save()d) so the model strips its metadata and records its size.
                article.lead_photo = ContentFile(draw_photo(headline, colour, number), name=f"demo-{number}.jpg")
                article.save()
                article.authors.set(
                    [reporters[number % len(reporters)]]
                    + ([reporters[(number + 1) % len(reporters)]] if number % 5 == 0 and len(reporters) > 1 else [])
                )
                article.tags.set(rng.sample(tags, 2))
            stories.append(article)
            number += 1

    if not Article.objects.filter(headline=SCHEDULED_HEADLINE).exists():
        # Scheduled: appears on every page by itself three hours from now.
        scheduled = Article(
            headline=SCHEDULED_HEADLINE,
            summary="The flood forecasting centre's reading, and what it means for riverside districts.",
            body=body_for("Guwahati", rng),
            section=sections["assam"][0],
            status=Article.Status.SCHEDULED,
            published_at=now + timedelta(hours=3),
        )
        scheduled.save()
        scheduled.authors.set(reporters[:1])
    return stories


def settle_dates():
    """Demo stories look untouched since publication, except those with a correction (run last)."""
    for article in Article.objects.filter(published_at__isnull=False).only("pk", "published_at", "correction"):
        changed = article.published_at + timedelta(hours=2) if article.correction else article.published_at
        Article.objects.filter(pk=article.pk).update(updated_at=changed)
