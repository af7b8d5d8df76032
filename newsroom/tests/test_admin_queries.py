"""Every list of the desk, and the page of one object, runs a fixed number of queries at any size.

The test walks every ModelAdmin registered on the admin site, fills its model with a little data
(2 objects) and then with more (25), and compares the queries of the changelist and of one
object's change form. An N+1 query (a column or an inline reading a relation row by row) fails
it. A model registered without a data maker below fails too: add one when you add an admin.
"""

import itertools
from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from accounts.models import Reporter
from articles import services
from articles.models import Article
from articles.tests.factories import make_article, make_reporter, make_section, make_tag, make_user
from newsroom.shared.models import OutgoingMail

pytestmark = pytest.mark.usefixtures("fast_passwords")

SMALL, LARGE = 2, 25
_n = itertools.count(1)


def _article_with_everything(staff):
    authors = [make_reporter(), make_reporter()]
    article = make_article(
        status=Article.Status.DRAFT,
        authors=authors,
        tags=[make_tag(), make_tag()],
        headline_as="অসমীয়া শিৰোনাম",
        body_as="<p>অসমীয়া</p>",
    )
    services.submit_article(article=article, actor=authors[0].user, notify=False)
    article.refresh_from_db()
    services.publish_article(article=article, actor=staff, notify=False)
    return article


def make_articles(count, staff):
    return [_article_with_everything(staff) for _ in range(count)]


def make_sections(count, staff):
    sections = []
    for _ in range(count):
        section = make_section()
        make_article(section=section)
        make_article(section=section)
        sections.append(section)
    return sections


def make_tags(count, staff):
    return [make_tag() for _ in range(count)]


def make_users(count, staff):
    groups = list(Group.objects.all()[:2])
    users = []
    for i in range(count):
        user = make_user(is_staff=bool(i % 2))
        user.groups.add(*groups)
        if i % 2 == 0:
            make_reporter(user=user)
        users.append(user)
    return users


def make_reporters(count, staff):
    statuses = itertools.cycle(Reporter.Status.values)
    return [make_reporter(status=next(statuses)) for _ in range(count)]


def make_groups(count, staff):
    permissions = list(Permission.objects.all()[:5])
    groups = []
    for _ in range(count):
        group = Group.objects.create(name=f"Desk group {next(_n)}")
        group.permissions.add(*permissions)
        groups.append(group)
    return groups


def make_comments(count, staff):
    from articles.comments.models import Comment, CommentReport

    article = make_article()
    comments = []
    for i in range(count):
        parent = comments[0] if comments and i % 3 == 0 else None
        comment = Comment.objects.create(
            article=article if i % 2 else make_article(),
            parent=parent if parent and parent.article_id == article.pk else None,
            user=make_user() if i % 2 else None,
            name=f"Reader {i}",
            email=f"reader{i}@example.com",
            body=f"Comment number {i} about the flood.",
            status=Comment.Status.APPROVED if i % 2 else Comment.Status.HELD,
            report_count=1,
            moderated_by=staff,
            moderated_at=timezone.now(),
        )
        CommentReport.objects.create(comment=comment)
        CommentReport.objects.create(comment=comments[0] if comments else comment)
        comments.append(comment)
    return comments


def make_blocked_terms(count, staff):
    from articles.comments.models import BlockedTerm

    return [BlockedTerm.objects.create(value=f"badword{next(_n)}") for _ in range(count)]


def make_enquiries(count, staff):
    from enquiries.models import Enquiry, EnquiryReply

    enquiries = []
    for i in range(count):
        enquiry = Enquiry.objects.create(
            name=f"Sender {i}",
            email=f"sender{i}@example.com",
            subject=f"Question {i}",
            message="When does the paper reach Jorhat?",
            kind=Enquiry.Kind.CORRECTION,
            assignee=make_user(is_staff=True),
            related_article=make_article(),
        )
        EnquiryReply.objects.create(enquiry=enquiry, body="We replied.", sent_by=staff)
        EnquiryReply.objects.create(enquiry=enquiries[0] if enquiries else enquiry, body="And again.", sent_by=staff)
        enquiries.append(enquiry)
    return enquiries


def make_contact_details(count, staff):
    from enquiries.models import ContactDetails

    # One row only, whatever the size.
    row, _created = ContactDetails.objects.get_or_create(
        pk=1, defaults={"address": "Panbazar, Guwahati", "email": "desk@example.com", "phones": "+91 361 254 0000"}
    )
    return [row]


def make_reporter_terms(count, staff):
    from accounts.models import ReporterTerms

    # One row only, whatever the size.
    row, _created = ReporterTerms.objects.get_or_create(
        pk=1, defaults={"title_en": "Terms for reporters", "body_en": "Report truthfully."}
    )
    return [row]


def make_totp_devices(count, staff):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return [TOTPDevice.objects.create(user=make_user(is_staff=True), name="phone") for _ in range(count)]


def _access(model, count, **extra):
    return [
        model.objects.create(
            user_agent="Mozilla/5.0",
            ip_address=f"10.0.0.{next(_n) % 250}",
            username=f"user{next(_n)}@example.com",
            http_accept="text/html",
            path_info="/admin/login/",
            **extra,
        )
        for _ in range(count)
    ]


def make_access_attempts(count, staff):
    from axes.models import AccessAttempt

    return _access(AccessAttempt, count, get_data="", post_data="", failures_since_start=3)


def make_access_logs(count, staff):
    from axes.models import AccessLog

    return _access(AccessLog, count, logout_time=timezone.now() + timedelta(hours=1))


def make_access_failures(count, staff):
    from axes.models import AccessFailureLog

    return _access(AccessFailureLog, count)


def make_outgoing_mail(count, staff):
    states = itertools.cycle(OutgoingMail.State.values)
    now = timezone.now()
    return [
        OutgoingMail.objects.create(
            subject=f"Confirm your e-mail address {n}",
            body="",
            from_email="newsroom@localhost",
            to=[f"reader{n}@example.com"],
            language="en",
            template="accounts/email/confirm_email.txt",
            state=(state := next(states)),
            attempts=1,
            sent_at=now if state == OutgoingMail.State.SENT else None,
        )
        for n in range(count)
    ]


def make_transitions(count, staff):
    articles = make_articles(count, staff)
    return [article.transitions.first() for article in articles]


MAKERS = {
    "accounts.User": make_users,
    "accounts.Reporter": make_reporters,
    "accounts.ReporterTerms": make_reporter_terms,
    "auth.Group": make_groups,
    "articles.Article": make_articles,
    "articles.Section": make_sections,
    "articles.Tag": make_tags,
    "comments.Comment": make_comments,
    "comments.BlockedTerm": make_blocked_terms,
    "articles.ArticleTransition": make_transitions,
    "enquiries.Enquiry": make_enquiries,
    "enquiries.ContactDetails": make_contact_details,
    "otp_totp.TOTPDevice": make_totp_devices,
    "axes.AccessAttempt": make_access_attempts,
    "axes.AccessLog": make_access_logs,
    "axes.AccessFailureLog": make_access_failures,
    "newsroom.OutgoingMail": make_outgoing_mail,
}


def registered_models():
    return sorted(admin.site._registry, key=lambda model: model._meta.label)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries), [query["sql"] for query in captured.captured_queries]


def changelist_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def change_url(model, obj):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])


def test_every_model_of_the_desk_has_a_data_maker_for_the_query_tests():
    missing = [model._meta.label for model in registered_models() if model._meta.label not in MAKERS]

    assert not missing, f"Add a data maker to newsroom/tests/test_admin_queries.py for: {missing}"


def maker_for(model):
    maker = MAKERS.get(model._meta.label)
    if maker is None:
        pytest.fail(f"No data maker for {model._meta.label}")
    return maker


def _compare(small, large, what):
    (small_count, _small_sql), (large_count, large_sql) = small, large
    extra = "\n".join(large_sql[small_count:][:8]) if large_count > small_count else ""
    assert large_count == small_count, (
        f"{what}: {small_count} queries with {SMALL} rows, {large_count} with {LARGE}\n{extra}"
    )


@pytest.mark.parametrize("model", registered_models(), ids=lambda model: model._meta.label)
def test_the_list_runs_the_same_queries_with_2_or_25_rows(client, superuser, model):
    maker = maker_for(model)
    client.force_login(superuser)
    url = changelist_url(model)
    maker(SMALL, superuser)
    client.get(url)  # warm up: content types, the session
    small = count_queries(client, url)

    maker(LARGE - SMALL, superuser)
    large = count_queries(client, url)

    _compare(small, large, f"{model._meta.label} list")


@pytest.mark.parametrize("model", registered_models(), ids=lambda model: model._meta.label)
def test_one_objects_page_runs_the_same_queries_however_much_data_exists(client, superuser, model):
    maker = maker_for(model)
    client.force_login(superuser)
    first = maker(SMALL, superuser)[0]
    url = change_url(model, first)
    client.get(url)
    small = count_queries(client, url)

    maker(LARGE - SMALL, superuser)
    large = count_queries(client, url)

    _compare(small, large, f"{model._meta.label} page")


def autocomplete_fields():
    """(model, field name, related model) of every autocomplete widget of the desk."""
    request = RequestFactory().get("/admin/")
    request.user = AnonymousUser()
    found = []
    for model, model_admin in admin.site._registry.items():
        for name in model_admin.get_autocomplete_fields(request):
            found.append((model, name, model._meta.get_field(name).remote_field.model))
    return sorted(found, key=lambda item: (item[0]._meta.label, item[1]))


@pytest.mark.parametrize(
    ("model", "field_name", "related"),
    autocomplete_fields(),
    ids=lambda value: value if isinstance(value, str) else value._meta.label,
)
def test_each_autocomplete_answers_with_the_same_queries_for_2_or_25_choices(
    client, superuser, model, field_name, related
):
    client.force_login(superuser)
    url = (
        reverse("admin:autocomplete")
        + "?"
        + urlencode(
            {
                "app_label": model._meta.app_label,
                "model_name": model._meta.model_name,
                "field_name": field_name,
                "term": "",
            }
        )
    )
    MAKERS[related._meta.label](SMALL, superuser)
    client.get(url)
    small = count_queries(client, url)

    MAKERS[related._meta.label](LARGE - SMALL, superuser)
    large = count_queries(client, url)

    assert len(client.get(url).json()["results"]) > SMALL
    _compare(small, large, f"{model._meta.label}.{field_name} autocomplete")
