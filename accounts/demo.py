"""Demo people for seed_demo: an editor, reporters in every standing, and their log-in details."""

from dataclasses import dataclass, field

from django.utils import timezone

from accounts.models import Reporter, User

DEMO_PASSWORD = "newsroom-demo-2026"  # noqa: S105 - printed by seed_demo, development only

REPORTERS = [
    ("Anjali Baruah", "anjali@demo.newsroom", "Guwahati", Reporter.Status.APPROVED),
    ("Bikash Gogoi", "bikash@demo.newsroom", "Dibrugarh", Reporter.Status.APPROVED),
    ("Chandana Saikia", "chandana@demo.newsroom", "Jorhat", Reporter.Status.APPROVED),
    ("Dhruba Kalita", "dhruba@demo.newsroom", "Nalbari", Reporter.Status.APPROVED),
    ("Elina Deka", "elina@demo.newsroom", "Tezpur", Reporter.Status.PENDING),
    ("Farhan Ahmed", "farhan@demo.newsroom", "Silchar", Reporter.Status.SUSPENDED),
]


@dataclass
class DemoPeople:
    editor: User
    reporters: list = field(default_factory=list)
    logins: list = field(default_factory=list)

    @property
    def approved_reporters(self):
        return [r for r in self.reporters if r.status == Reporter.Status.APPROVED]


def _user(email, full_name, **extra):
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name, **extra})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def seed():
    editor = _user("editor@demo.newsroom", "Rupam Hazarika (Editor)", is_staff=True, is_superuser=True)
    people = DemoPeople(editor=editor)
    people.logins.append(("editor", editor.email, DEMO_PASSWORD))
    now = timezone.now()
    for full_name, email, district, status in REPORTERS:
        user = _user(email, full_name)
        reporter, _created = Reporter.objects.get_or_create(
            user=user,
            defaults={
                "district": district,
                "status": status,
                "phone": "+919876500000"[: -len(str(len(people.reporters)))] + str(len(people.reporters)),
                "bio": f"{full_name} reports from {district} for the desk.",
                "email_confirmed_at": now,
                "terms_accepted_at": now,
            },
        )
        people.reporters.append(reporter)
    people.logins.append(("reporter", people.reporters[0].user.email, DEMO_PASSWORD))
    return people
