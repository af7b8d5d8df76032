"""50 readers at once send comments and enquiries for 30 seconds: nothing fails, nothing is lost or doubled."""

import json
import threading
import time

import pytest

from tests.system.conftest import run_in
from tests.system.http import Browser, FormParser
from tests.system.servers import AppServer

READERS = 50
SECONDS = 30

SETUP = """
from django.utils import timezone
from articles.models import Article, Section
section = Section.objects.create(name="Load", slug="load-section")
story = Article.objects.create(headline="Load test story", slug="load-test-story", section=section,
                               body="<p>Read me.</p>", status=Article.Status.PUBLISHED, published_at=timezone.now())
print(story.get_absolute_url())
"""

COUNT = """
import json
from articles.comments.models import Comment
from enquiries.models import Enquiry
comments = list(Comment.objects.filter(body__startswith="load-").values_list("body", flat=True))
enquiries = list(Enquiry.objects.filter(subject__startswith="load-").values_list("subject", flat=True))
print(json.dumps({"comments": comments, "enquiries": enquiries}))
"""


@pytest.fixture(scope="module")
def busy_server(system_env):
    story_url = run_in(system_env, SETUP).strip()
    # Rate limits raised for this server, and cache keys of its own so its counters stay its own.
    env = {
        **system_env,
        "ENQUIRY_RATE_LIMIT": "100000/m",
        "COMMENTS_RATE_PER_MINUTE": "100000",
        "CACHE_URL": system_env["CACHE_URL"] + "-load",
    }
    server = AppServer(env, workers=2, threads=8).start()
    yield server, story_url
    server.stop()


def _form(browser, url, action_contains):
    page = browser.get(url)
    parser = FormParser()
    parser.feed(page.text)
    return next(form for form in parser.forms if action_contains in form["action"])


def test_fifty_concurrent_comment_and_enquiry_senders_lose_and_double_nothing(system_env, busy_server):
    server, story_url = busy_server
    accepted, failures = {"comments": [], "enquiries": []}, []
    lock = threading.Lock()
    start = threading.Barrier(READERS)

    def reader(number):
        browser = Browser()
        kind = "comments" if number % 2 else "enquiries"
        url = server.url + (story_url if kind == "comments" else "/contact/")
        form = _form(browser, url, "/comment/" if kind == "comments" else "")
        target = server.url + (form["action"] if form["action"].startswith("/") else "/contact/")
        time.sleep(3.2)  # the signed form stamp refuses forms sent faster than a person types
        start.wait()
        deadline = time.monotonic() + SECONDS
        sent = 0
        while time.monotonic() < deadline:
            marker = f"load-{number}-{sent}"
            if kind == "comments":
                fields = {"name": f"Reader {number}", "email": f"reader{number}@example.com", "body": marker}
            else:
                fields = {
                    "name": f"Sender {number}",
                    "email": f"sender{number}@example.com",
                    "kind": "general",
                    "subject": marker,
                    "message": f"Message {marker} about the flood relief camps.",
                    "consent": "on",
                }
            response = browser.request(target, {**form["fields"], **fields}, headers={"Referer": url}, timeout=30)
            with lock:
                if response.status == 302:
                    accepted[kind].append(marker)
                else:
                    failures.append((kind, response.status, response.text[:300]))
            sent += 1

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    stored = json.loads(run_in(system_env, COUNT).strip().splitlines()[-1])
    for kind in ("comments", "enquiries"):
        assert len(accepted[kind]) > READERS, f"too few {kind} went through to prove anything"
        assert sorted(stored[kind]) == sorted(accepted[kind]), kind
