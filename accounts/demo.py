"""Demo people for seed_demo: an editor, reporters in every standing, and their log-in details."""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.districts import District
from accounts.groups import REPORTER as REPORTER_GROUP
from accounts.models import Reporter, ReporterTerms, User

DEMO_PASSWORD = "newsroom-demo-2026"  # noqa: S105 - printed by seed_demo, development only

# (name, name in Assamese, e-mail, district, standing)
REPORTERS = [
    ("Anjali Baruah", "অঞ্জলি বৰুৱা", "anjali@demo.newsroom", District.KAMRUP_METROPOLITAN, Reporter.Status.APPROVED),
    ("Bikash Gogoi", "বিকাশ গগৈ", "bikash@demo.newsroom", District.DIBRUGARH, Reporter.Status.APPROVED),
    ("Chandana Saikia", "চন্দনা শইকীয়া", "chandana@demo.newsroom", District.JORHAT, Reporter.Status.APPROVED),
    ("Dhruba Kalita", "ধ্ৰুৱ কলিতা", "dhruba@demo.newsroom", District.NALBARI, Reporter.Status.APPROVED),
    ("Elina Deka", "এলিনা ডেকা", "elina@demo.newsroom", District.SONITPUR, Reporter.Status.PENDING),
    ("Farhan Ahmed", "ফাৰহান আহমেদ", "farhan@demo.newsroom", District.CACHAR, Reporter.Status.SUSPENDED),
]


@dataclass
class DemoPeople:
    editor: User
    reporters: list = field(default_factory=list)
    logins: list = field(default_factory=list)
    desk_editor: User | None = None  # seed_staff

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
    # The chief editor holds every permission; the demo's Editor and Moderator (seed_workflow) see only
    # what their groups allow, as real staff would.
    chief = _user("admin@demo.newsroom", "Rupam Hazarika", is_staff=True, is_superuser=True)
    people = DemoPeople(editor=chief)
    people.logins.append(("superuser", chief.email, "every permission: the site's administrator"))
    now = timezone.now()
    for full_name, name_as, email, district, status in REPORTERS:
        user = _user(email, full_name)
        reporter, _created = Reporter.objects.get_or_create(
            user=user,
            defaults={
                "name_as": name_as,
                "district": district,
                "status": status,
                "phone": "+919876500000"[: -len(str(len(people.reporters)))] + str(len(people.reporters)),
                "bio": f"{full_name} reports from {district} for the desk.",
                "email_confirmed_at": now,
                "terms_accepted_at": now,
            },
        )
        user.groups.add(Group.objects.get_or_create(name=REPORTER_GROUP)[0])
        people.reporters.append(reporter)
    people.logins.append(("reporter", people.reporters[0].user.email, "files stories from the reporter's desk"))
    # The desk's own terms, as staff write them in the admin (without them the page shows the defaults).
    ReporterTerms.objects.get_or_create(
        pk=1,
        defaults={
            "title_en": "Terms for reporters",
            "body_en": "Report truthfully and fairly, and check your facts before you file.\n\n"
            "File only your own work; say who took each photo.\n\n"
            "Editors may edit, hold or decline a story, and correct or withdraw it after publication.",
            "title_as": "সংবাদদাতাৰ বাবে চৰ্তাৱলী",
            "body_as": "সত্য আৰু নিৰপেক্ষভাৱে বাতৰি দিয়ক, আৰু পঠোৱাৰ আগতে তথ্য পৰীক্ষা কৰক।\n\n"
            "কেৱল নিজৰ কাম পঠিয়াওক; প্ৰতিখন ফটো কোনে তুলিছে লিখক।\n\n"
            "সম্পাদকে বাতৰি সম্পাদনা, ৰখা বা নাকচ কৰিব পাৰে, আৰু প্ৰকাশৰ পিছত শুধৰাব বা উঠাই ল'ব পাৰে।",
        },
    )
    return people


def _staff(email, full_name, group_name):
    user = _user(email, full_name, is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=group_name)[0])
    return user


def seed_staff(people):
    """A desk editor and a moderator with least-privilege groups, listed with the other log-ins."""
    from accounts.groups import EDITOR, MODERATOR, ensure_groups

    ensure_groups()
    people.desk_editor = _staff("editor@demo.newsroom", "Mridula Bora", EDITOR)
    moderator = _staff("moderator@demo.newsroom", "Pranjal Das", MODERATOR)
    people.logins.insert(
        0, ("editor", people.desk_editor.email, "the desk as an editor sees it: review and publish stories")
    )
    people.logins.insert(1, ("moderator", moderator.email, "comments and Contact Us enquiries"))
    people.logins.sort(key=lambda login: login[0] == "superuser")  # the superuser last, as README lists them
    return people.desk_editor
