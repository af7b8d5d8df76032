"""Demo sections and stories for seed_demo, with photos drawn by Pillow."""

import io
import random
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from articles.demo_photos import draw_photo
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

# The standfirst of each demo story, by its headline in HEADLINES: what the story adds to the headline.
SUMMARIES = {
    # Assam
    "Flood waters recede in {place} as relief camps begin to close": (
        "Families are going home to clean up after a fortnight in schools and community halls; the district "
        "says drinking water and seed for the next crop come first."
    ),
    "New bridge over the Brahmaputra near {place} opens to traffic": (
        "The crossing cuts a two-hour ferry journey to ten minutes, and traders on both banks expect prices to fall."
    ),
    "{place} district launches drive to vaccinate every child by March": (
        "Health workers will visit every village and tea garden line, with evening sessions for parents who work "
        "by day."
    ),
    "Farmers in {place} welcome early rain for the sali paddy": (
        "Seedbeds are ready a fortnight ahead of last year, though agriculture officials warn against sowing "
        "before the soil is tested."
    ),
    "{place} college opens its doors to adult learners": (
        "Evening classes in accounts, computing and Assamese literature drew more than four hundred applicants "
        "in the first week."
    ),
    "Heritage walk in {place} draws hundreds of students": (
        "Guides from the local history society led them past old temples, ponds and Ahom-era ramparts that most "
        "had never noticed."
    ),
    "{place} gets its first public library with a Braille section": (
        "Volunteers spent a year transcribing textbooks and novels; the library also lends audio books to readers "
        "who cannot visit."
    ),
    "River erosion threatens three villages near {place}": (
        "The river has taken forty metres of farmland since June, and families are moving their granaries to "
        "higher ground."
    ),
    "Panchayat in {place} wins national award for clean water": (
        "Every household now has a tap, and the village tests its wells each month and posts the results at the market."
    ),
    # Guwahati
    "Guwahati's Zoo Road flyover to be ready by the monsoon": (
        "Engineers say the last spans go up next month; until then buses keep to their diversion through the side "
        "lanes."
    ),
    "Smart city buses add night routes across Guwahati": (
        "Six routes will run until midnight, linking the railway station, the hospitals and the university."
    ),
    "Deepor Beel birds return in record numbers this winter": (
        "Counters found more than a hundred species, among them pelicans that had not nested here for years."
    ),
    "Guwahati's oldest cinema hall reopens as an arts centre": (
        "The restored hall keeps its old projector in the lobby and will screen classic Assamese films every Sunday."
    ),
    "Waterlogging: Guwahati civic body maps fifty trouble spots": (
        "Drains in Anil Nagar and Nabin Nagar top the list, and residents can report a blocked drain by phone."
    ),
    "Fancy Bazaar traders back pedestrian-only Sundays": (
        "Shopkeepers say families stayed longer during the trial, and the police will keep delivery lorries out "
        "until evening."
    ),
    "Guwahati book fair opens with a record 300 stalls": (
        "Publishers from across the North East are there, with a children's corner and readings by young "
        "Assamese poets."
    ),
    "New cycle lanes along the Brahmaputra riverfront": (
        "A four-kilometre lane kept apart from the traffic joins the ghats, and bicycles can be hired at either end."
    ),
    "Guwahati hospitals add beds for the dengue season": (
        "Government hospitals set aside two hundred beds, and the civic body will spray every ward on a published "
        "timetable."
    ),
    # North East
    "Shillong hosts the region's biggest start-up meet": (
        "Founders from all eight states pitched to investors; farm produce, tourism and payments drew the most "
        "interest."
    ),
    "Arunachal border roads project reaches remote valleys": (
        "Villagers who walked two days to the nearest market can now reach it by jeep in an afternoon."
    ),
    "Tripura's rubber growers see prices rise": (
        "Better prices at the Agartala market have small growers tapping their trees again after two lean years."
    ),
    "Mizoram schools adopt solar power": (
        "Rooftop panels now light more than three hundred schools, and the money saved pays for computers."
    ),
    "Nagaland's Hornbill festival breaks attendance record": (
        "Visitors from abroad doubled, and the villages at Kisama say their stalls sold out by the fifth day."
    ),
    "Manipur weavers find new buyers online": (
        "Cooperatives in Imphal now send shawls and phanek across India, and orders have tripled since the spring."
    ),
    "Sikkim's organic farms draw visiting researchers": (
        "Scientists from five countries are studying how the state's farmers keep their soil healthy without chemicals."
    ),
    # India
    "Parliament passes bill on inland waterways": (
        "The law promises dredging and new jetties on the Brahmaputra and the Barak, and one authority for river "
        "freight."
    ),
    "Railways announce new Rajdhani service to Dibrugarh": (
        "The train will run three days a week from Delhi and stop at Guwahati, Lumding and Jorhat."
    ),
    "National exam results: Assam students among top scorers": (
        "Twelve students from the state are in the top hundred, four of them from government schools."
    ),
    "Centre releases flood-relief funds for the North East": (
        "The first instalment goes to embankment repairs and to families who lost their houses this season."
    ),
    "New national park guidelines praise Kaziranga model": (
        "They hold up Kaziranga's anti-poaching patrols and its work with fringe villages as an example for other "
        "parks."
    ),
    "Monsoon forecast: above-normal rain expected in the east": (
        "Forecasters advise districts along the Brahmaputra to check embankments and stock relief supplies early."
    ),
    "Digital payments grow fastest in small towns": (
        "Vegetable sellers and bus conductors now take payment by phone, and banks see the sharpest rise outside "
        "the cities."
    ),
    # World
    "Asian rivers summit calls for shared flood warnings": (
        "Delegates agreed to exchange river levels every hour during the monsoon, so warnings reach towns "
        "downstream sooner."
    ),
    "Tea prices firm at the Colombo auction": (
        "Strong demand from West Asia lifted prices, a sign Assam's growers read closely before their own sales."
    ),
    "Bangladesh and India agree on new border trade posts": (
        "Two new posts on the Assam and Meghalaya borders will open for farm produce, cement and fish."
    ),
    "Climate talks end with pledge on river deltas": (
        "Countries promised money to protect deltas from rising seas, though campaigners say the sums fall short."
    ),
    "Himalayan glaciers shrinking faster, study finds": (
        "Researchers warn that rivers fed by the glaciers, the Brahmaputra among them, could swing between flood "
        "and drought."
    ),
    "Bhutan opens new trade route to Assam": (
        "The road through Samdrup Jongkhar will carry oranges, cardamom and stone to markets in lower Assam."
    ),
    "Global football body praises India's youth league": (
        "Its report singles out the North East's academies for the young players they send to the national teams."
    ),
    # Business
    "Assam tea exports climb for the third straight quarter": (
        "Orthodox teas led the rise, with buyers in Iran and Russia paying more for the second flush."
    ),
    "Oil refinery in Numaligarh to double capacity": (
        "The expansion will take four years and needs a new pipeline for crude oil from the port at Paradip."
    ),
    "Small tea growers form cooperative to sell direct": (
        "By running their own leaf collection and factory, growers near Golaghat hope to earn a fairer price."
    ),
    "Silk weavers of Sualkuchi see record festive sales": (
        "Mekhela chadors in muga and paat sold out before the puja, and weavers are taking orders for Bihu."
    ),
    "New IT park in Guwahati to employ 5,000": (
        "The park at Amingaon will have offices for small software firms and a training centre for graduates."
    ),
    "Bank credit to small firms in Assam rises sharply": (
        "Loans to small businesses grew by a fifth this year, most of them to shops, workshops and food processors."
    ),
    "Muga silk gets a boost from new export rules": (
        "Simpler paperwork and a protected name let weavers send the golden silk abroad at better prices."
    ),
    # Sports
    "NorthEast United sign young striker from {place}": (
        "The nineteen-year-old scored eleven goals in the state league and joins the first team this season."
    ),
    "Assam clinch Ranji Trophy win with a day to spare": (
        "Five wickets for the left-arm spinner sealed the match and took Assam to the top of their group."
    ),
    "Hima Das returns to the track with a season best": (
        "After months out with an injury, the sprinter from Nagaon ran her fastest 400 metres of the year."
    ),
    "{place} boxers win three golds at the national meet": (
        "Their coach credits a new ring at the district sports complex and early-morning training through the winter."
    ),
    "Barsapara stadium to host a one-day international": (
        "It will be the ground's first international match in two years, and tickets go on sale next week."
    ),
    "Schools football league draws 200 teams across Assam": (
        "Girls' teams make up a third of the entries, and the final will be played under lights at Nehru Stadium."
    ),
    "Assam's archers shine at the junior nationals": (
        "The team won two golds and a silver, and three of its archers were picked for the national camp."
    ),
    # Culture
    "Rongali Bihu: {place} prepares for a week of song and dance": (
        "Bihu troupes rehearse every evening, and the organisers have added a stage for first-time dancers."
    ),
    "Bhupen Hazarika centenary concerts announced": (
        "Concerts in Guwahati, Sadiya and Kolkata will bring together singers of three generations."
    ),
    "Assamese film wins award at international festival": (
        "Shot in the villages of Kamrup with first-time actors, the film won the jury's prize for the best debut."
    ),
    "Majuli's mask makers pass their craft to a new generation": (
        "At the Samaguri satra, boys and girls learn to shape masks of bamboo, clay and cloth for the Bhaona plays."
    ),
    "Sattriya dance festival returns to Guwahati": (
        "Dancers from the satras of Majuli and young performers from the city share the stage for five evenings."
    ),
    "Jonbeel Mela: the barter fair that outlived money": (
        "Hill tribes and villagers from the plains still trade ginger, rice and dried fish without a rupee changing "
        "hands."
    ),
    "Young writers revive Assamese short fiction": (
        "A new magazine and a monthly reading circle have put a generation of writers under thirty in print."
    ),
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


def body_for(place, rng, *, long=False):
    """The story's text: four paragraphs, or all six for a `long` one (it folds on a phone: "Read more")."""
    paragraphs = rng.sample(PARAGRAPHS, 6 if long else 4)
    half = len(paragraphs) // 2
    html = [f"<p>{p.format(place=place)}</p>" for p in paragraphs[:half]]
    html.append("<h2>What happens next</h2>")
    html.extend(f"<p>{p.format(place=place)}</p>" for p in paragraphs[half:])
    html.append("<blockquote><p>This is a moment the people of the region have earned.</p></blockquote>")
    return "".join(html)


CORRECTION = "An earlier version of this story gave the wrong date for the opening. It is on Monday, not Sunday."
BREAKING_FOR = timedelta(hours=12)
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
                    summary=SUMMARIES[headline_template].format(place=place),
                    body=body_for(place, rng, long=number % 3 == 1),
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
                article.lead_photo = ContentFile(draw_photo(slug, number, colour), name=f"demo-{number}.jpg")
                article.save()
                article.authors.set(
                    [reporters[number % len(reporters)]]
                    + ([reporters[(number + 1) % len(reporters)]] if number % 5 == 0 and len(reporters) > 1 else [])
                )
                article.tags.set(rng.sample(tags, 2))
            stories.append(article)
            number += 1

    # The lead story is breaking news for half a day from every seed (`make run` seeds each time).
    lead = stories[0]
    lead.breaking_until = (now + BREAKING_FOR).replace(second=0, microsecond=0)  # as the admin's form keeps it
    lead.save(update_fields=["breaking_until"])

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
