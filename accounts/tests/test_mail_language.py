"""A reporter who registered in Assamese hears from the desk in Assamese, whatever the editor's language."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts import services
from accounts.models import Reporter
from accounts.tests.factories import make_editor
from articles import services as workflow
from articles.models import Article
from articles.tests.factories import make_article

pytestmark = pytest.mark.django_db


def register_in(client, language, capture):
    with translation.override(language):
        address = reverse("accounts:register")
    data = {
        "full_name": "Bitupan Bora",
        "email": "bitupan@example.com",
        "phone": "+91 98765-43210",
        "district": Reporter._meta.get_field("district").choices[0][0],
        "password1": "brahmaputra-flows-east-42",
        "password2": "brahmaputra-flows-east-42",
        "consent": "on",
    }
    with capture(execute=True):
        assert client.post(address, data).status_code == 302
    translation.activate("en")  # the request left its language active in this thread
    return Reporter.objects.get(user__email="bitupan@example.com")


def test_a_reporter_who_registered_in_assamese_gets_the_desks_decisions_in_assamese(
    client, django_capture_on_commit_callbacks
):
    reporter = register_in(client, "as", django_capture_on_commit_callbacks)
    assert reporter.language == "as"
    editor = make_editor()

    with django_capture_on_commit_callbacks(execute=True):  # the editor works on the English desk
        services.set_reporter_status(reporter=reporter, status=Reporter.Status.APPROVED, actor=editor)

    approval = mail.outbox[-1]
    with translation.override("as"):
        assert approval.subject == str(services.STATUS_MAIL[Reporter.Status.APPROVED][0])
    assert "/as/desk/" in approval.body


def test_workflow_mails_reach_each_author_in_their_language(client, django_capture_on_commit_callbacks):
    assamese = register_in(client, "as", django_capture_on_commit_callbacks)
    from accounts.tests.factories import make_approved_reporter

    english = make_approved_reporter()
    Reporter.objects.filter(pk=assamese.pk).update(status=Reporter.Status.APPROVED)
    story = make_article(status=Article.Status.SUBMITTED, headline="Ferry resumes", headline_as="ফেৰী পুনৰ আৰম্ভ")
    story.authors.set([assamese, english])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        workflow.return_article(article=story, actor=make_editor(), note="Add a quote.")

    by_address = {message.to[0]: message for message in mail.outbox}
    assert "ফেৰী পুনৰ আৰম্ভ" in by_address["bitupan@example.com"].subject
    assert "/as/desk/" in by_address["bitupan@example.com"].body
    assert "Ferry resumes" in by_address[english.user.email].subject
    assert "/as/" not in by_address[english.user.email].body
