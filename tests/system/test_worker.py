"""Work off the request, with the real parts: gunicorn, `manage.py db_worker` over PostgreSQL, and a mail
server that is down, then back.

A reporter registers with a 6300×6300 PNG portrait, a colleague files a story with the same photo from
the reporter's story form, and asks for a password reset, while the mail server is down: each answers
at once, the mails wait in the outbox, and the worker makes the photos' renditions within the pixel
bound. When the mail server returns, the worker sends the mails.
"""

import io
import json
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from tests.system.conftest import run_in
from tests.system.http import Browser
from tests.system.servers import AppServer
from tests.system.worker import SMTPSink, Worker, closed_port, upload, wait_for

COLLEAGUE = "dipankar@worker.test"
REGISTRANT = "anjali@worker.test"
PASSWORD = "a-long-password-4242"

MAKE_COLLEAGUE = f"""
from django.utils import timezone
from django.contrib.auth.models import Group
from accounts.groups import REPORTER
from accounts.models import Reporter, User
from articles.models import Section
user = User.objects.create_user(email="{COLLEAGUE}", full_name="Dipankar Saikia", password="{PASSWORD}")
user.groups.add(Group.objects.get_or_create(name=REPORTER)[0])
Reporter.objects.create(user=user, status=Reporter.Status.APPROVED, email_confirmed_at=timezone.now(),
                        terms_accepted_at=timezone.now())
print(Section.objects.get_or_create(slug="assam", defaults={{"name": "Assam"}})[0].pk)
"""

OUTBOX = """
import json
from newsroom.shared.models import OutgoingMail
mails = OutgoingMail.objects.filter(to__contains=[{address!r}]).order_by("pk")
print(json.dumps([[m.to[0], m.template, m.state, m.attempts] for m in mails]))
"""


def huge_png():
    """The issue's photo: 6300×6300 pixels (39.7 million) in a file of about 110 KB."""
    image = Image.new("RGB", (6300, 6300), (30, 90, 140))
    draw = ImageDraw.Draw(image)
    draw.ellipse((1000, 1000, 5000, 5000), fill=(200, 120, 40))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def mail_port():
    return closed_port()


@pytest.fixture
def servers(own_database_env, mail_port, tmp_path):
    env = {
        **own_database_env,
        "TASKS_BACKEND": "database",
        # The mail server: nobody listens there until the test starts one.
        "EMAIL_URL": f"smtp://127.0.0.1:{mail_port}",
        "EMAIL_TIMEOUT": "2",
        "MAIL_RETRY_SECONDS": "1",
        "PUBLISHER_URL": "http://127.0.0.1",
    }
    section = int(run_in(env, MAKE_COLLEAGUE))
    app = AppServer(env, workers=2, threads=2).start()
    worker = Worker(env, tmp_path / "worker.log").start()
    yield env, app, section
    worker.stop()
    app.stop()


def outbox(env):
    """What waits or went out to this test's two people."""
    return [
        *json.loads(run_in(env, OUTBOX.format(address=REGISTRANT))),
        *json.loads(run_in(env, OUTBOX.format(address=COLLEAGUE))),
    ]


def test_with_the_mail_server_down_mails_wait_in_the_outbox_and_go_out_when_it_returns(servers, mail_port):
    env, app, section = servers
    photo = huge_png()
    assert len(photo) < 200_000

    registration = upload(
        Browser(),
        app.url + "/accounts/register/",
        {
            "full_name": "Anjali Baruah",
            "email": REGISTRANT,
            "phone": "+91 98765 43210",
            "district": "Kamrup Metropolitan",
            "password1": "brahmaputra-flows-east-42",
            "password2": "brahmaputra-flows-east-42",
            "consent": "on",
        },
        {"photo": ("portrait.png", photo)},
        has_field="full_name",
    )
    assert registration.status == 302, registration.text[:2000]
    assert registration.seconds < 2, f"the registration took {registration.seconds:.1f} s"

    reporter = Browser()
    logged_in = reporter.submit(app.url + "/accounts/login/", {"username": COLLEAGUE, "password": PASSWORD})
    assert logged_in.status == 302
    story = upload(
        reporter,
        app.url + "/desk/stories/new/",
        {"headline_en": "Ferries return to Nimati ghat", "section": str(section), "action": "save"},
        {"lead_photo": ("ferry.png", photo)},
        has_field="headline_en",
    )
    assert story.status == 302, story.text[:2000]
    assert story.seconds < 2, f"the story's upload took {story.seconds:.1f} s"

    reset = Browser().submit(app.url + "/accounts/password/reset/", {"email": COLLEAGUE})
    assert reset.status == 302
    assert reset.seconds < 2, f"the password reset took {reset.seconds:.1f} s"

    # The worker tries, the mail server is down: both wait, with their tries counted.
    def waiting_after_a_try():
        rows = outbox(env)
        return len(rows) == 2 and all(state == "waiting" and attempts >= 1 for *_r, state, attempts in rows) and rows

    rows = wait_for(waiting_after_a_try, timeout=20, what="a first try at both mails")
    assert {(to, template) for to, template, *_rest in rows} == {
        (REGISTRANT, "accounts/email/confirm_email.txt"),
        (COLLEAGUE, "accounts/email/password_reset_email.txt"),
    }

    # Meanwhile the worker made the photos' renditions, within the pixel bound.
    cache = Path(env["MEDIA_ROOT"]) / "CACHE" / "images"

    def made(folder, stem, count):
        # imagekit keeps a photo's renditions in a folder named after it (portrait.png: .../portrait/).
        found = list((cache / folder).glob(f"**/{stem}*/*.*"))
        return len(found) == count and sorted(Image.open(path).size for path in found)

    portrait = wait_for(lambda: made("reporters", "portrait", 4), timeout=30, what="the portrait's renditions")
    assert portrait == [(96, 96), (96, 96), (192, 192), (192, 192)]
    wide = wait_for(lambda: made("articles", "ferry", 8), timeout=30, what="the story photo's renditions")
    assert wide == sorted((width, width) for width in (320, 640, 960, 1280) for _format in ("webp", "jpeg"))

    # The mail server returns: the worker's next try sends both.
    sink = SMTPSink(mail_port).start()
    try:
        wait_for(lambda: sink.to(REGISTRANT) and sink.to(COLLEAGUE), timeout=20, what="both mails sent")
        assert "/accounts/confirm/" in sink.to(REGISTRANT)[0].get_content()
        assert "/accounts/password/reset/" in sink.to(COLLEAGUE)[0].get_content()
        assert {state for *_r, state, _attempts in outbox(env)} == {"sent"}
    finally:
        sink.stop()
