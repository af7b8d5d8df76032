"""Every edit page of the site saves an existing object back as a browser would send it.

The demo site (seed_demo, built once for this module) is opened page by page: every change page
of the desk (the admin) and every edit page of the reporter's desk. Each form is posted back
exactly as the page shows it (tests/browser_forms.py: no file chosen, as when a person corrects
one word), then once more with one field changed. Both must save, and every stored photo must
stay as it was: the newsroom's everyday correction of a story with a photo.
"""

import shutil
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import models, transaction
from django.urls import reverse

from accounts.models import Reporter, User
from articles.models import Article
from tests.browser_forms import submission

# One field per model that a person would change on its page, with a new value. A model the desk
# shows must be named here or in READ_ONLY, so a new model cannot slip past this test.
ONE_FIELD_CHANGED = {
    "articles.article": ("headline_en", "Corrected: the headline"),
    "articles.section": ("description_en", "A corrected description."),
    "articles.tag": ("name_en", "A corrected tag"),
    "comments.blockedterm": ("note", "Checked again"),
    "accounts.user": ("full_name", "A Corrected Name"),
    "auth.group": ("name", "Reporters (renamed)"),
    "accounts.reporter": ("bio", "A corrected biography."),
    "accounts.reporterterms": ("title_en", "Terms for reporters (revised)"),
    "enquiries.enquiry": ("internal_notes", "Called the reader back."),
    "enquiries.contactdetails": ("office_hours_en", "Monday to Saturday, 9:00 to 18:00"),
}
# Pages that are records to read, not edit: they must not offer a save button at all.
READ_ONLY = {
    "comments.comment": "readers' words are not edited; moderators act from the list",
    "articles.articletransition": "the workflow's history",
}
# Libraries' own pages for records the demo cannot hold (no failed log-in, no enrolled phone yet),
# with no file fields; their save paths are the libraries' and are tested there. The outbox is empty
# until the site sends mail; its pages are read-only (newsroom/shared/tests/test_outbox.py).
NOT_IN_THE_DEMO = {
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "otp_totp.totpdevice",
    "newsroom.outgoingmail",
}


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, demo_media):
    # Overrides the suite's per-test media folder: the demo's photos live for the whole module.
    settings.MEDIA_ROOT = demo_media


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, demo_media):
    """seed_demo once for the module, inside a transaction rolled back at its end."""
    from django.test.utils import override_settings

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=demo_media, DEBUG=True):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
            returned = Article.objects.get(status=Article.Status.RETURNED)
            assert returned.lead_photo, "the demo's returned story carries a photo"
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
    shutil.rmtree(demo_media, ignore_errors=True)


@pytest.fixture
def chief(demo_site, db):
    return User.objects.filter(is_superuser=True).first()


def _stored_files(obj):
    """{field name: (stored name, bytes)} of every file the object (and its reporter) holds."""
    files = {}
    holders = [obj]
    if isinstance(obj, User) and hasattr(obj, "reporter"):
        holders.append(obj.reporter)
    for holder in holders:
        for model_field in holder._meta.fields:
            if isinstance(model_field, models.FileField):
                stored = getattr(holder, model_field.name)
                content = Path(stored.path).read_bytes() if stored else b""
                files[f"{holder._meta.model_name}.{model_field.name}"] = (stored.name, content)
    return files


def _values(obj):
    """What a reader or the desk would see of the object's own fields (line endings aside)."""
    skipped = (models.FileField, models.AutoField)
    values = {}
    for model_field in obj._meta.concrete_fields:
        if isinstance(model_field, skipped) or getattr(model_field, "auto_now", False) or model_field.name == "version":
            continue
        value = getattr(obj, model_field.attname)
        if isinstance(model_field, (models.CharField, models.TextField)):
            value = (value or "").replace("\r\n", "\n")  # an empty translation may be stored as NULL
        values[model_field.attname] = value
    return values


def _example(model):
    """The object of `model` that has the most to lose: one with a photo where there is one."""
    queryset = model._default_manager.all()
    for model_field in model._meta.fields:
        if isinstance(model_field, models.FileField):
            with_file = queryset.exclude(**{model_field.name: ""})
            if with_file.exists():
                return with_file.order_by("pk").first()
    if model is User:
        return queryset.exclude(reporter__photo="").filter(reporter__isnull=False).order_by("pk").first()
    return queryset.order_by("pk").first()


def _label(model):
    return f"{model._meta.app_label}.{model._meta.model_name}"


def _post_back(client, url, *, form_id=None, has_field=None, change=None):
    page = client.get(url)
    assert page.status_code == 200, url
    form = submission(page.content.decode(), form_id=form_id, has_field=has_field)
    data = form.post_data(button="_save" if any(n == "_save" for n, _v in form.buttons) else None)
    if change is not None:
        name, value = change
        assert name in data, f"{url} has no field {name}"
        data[name] = [value]
    return client.post(form.action or url, data)


def _saved(response):
    if response.status_code != 302:
        context = response.context or {}
        form = context.get("adminform") or context.get("form")
        formsets = context.get("inline_admin_formsets") or []
        errors = [
            getattr(form, "errors", None),
            getattr(form, "non_field_errors", lambda: None)(),
            *[formset.formset.errors for formset in formsets],
        ]
        raise AssertionError(f"not saved ({response.status_code}): {errors}")


def test_every_desk_model_is_walked():
    shown = {_label(model) for model in admin.site._registry}
    assert sorted(shown - set(ONE_FIELD_CHANGED) - set(READ_ONLY) - NOT_IN_THE_DEMO) == []


@pytest.mark.parametrize("label", sorted(ONE_FIELD_CHANGED))
def test_a_desk_change_page_saves_back_as_shown_then_with_one_field_changed(client, chief, label):
    model = next(m for m in admin.site._registry if _label(m) == label)
    obj = _example(model)
    assert obj is not None, f"the demo site has no {label} to edit"
    files = _stored_files(obj)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    client.force_login(chief)
    form_id = f"{model._meta.model_name}_form"

    _saved(_post_back(client, url, form_id=form_id))
    saved = model._default_manager.get(pk=obj.pk)
    assert _stored_files(saved) == files
    assert _values(saved) == _values(obj)

    name, value = ONE_FIELD_CHANGED[label]
    _saved(_post_back(client, url, form_id=form_id, change=(name, value)))
    obj = model._default_manager.get(pk=obj.pk)
    assert getattr(obj, name) == value
    assert _stored_files(obj) == files


@pytest.mark.parametrize("label", sorted(READ_ONLY))
def test_a_record_page_of_the_desk_offers_no_save(client, chief, label):
    model = next(m for m in admin.site._registry if _label(m) == label)
    obj = _example(model)
    assert obj is not None, f"the demo site has no {label}"
    client.force_login(chief)
    page = client.get(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()


def test_a_returned_story_with_its_photo_is_fixed_and_resubmitted_without_a_new_upload(client, demo_site, db):
    story = Article.objects.get(status=Article.Status.RETURNED)
    files = _stored_files(story)
    client.force_login(story.authors.first().user)
    url = reverse("articles:story-edit", args=[story.pk])

    _saved(_post_back(client, url, has_field="headline_en"))
    _saved(_post_back(client, url, has_field="headline_en", change=("headline_en", "Fixed as the desk asked")))

    story.refresh_from_db()
    assert story.headline == "Fixed as the desk asked"
    assert _stored_files(story) == files


def test_a_reporter_saves_their_profile_with_its_photo_untouched(client, demo_site, db):
    reporter = Reporter.objects.exclude(photo="").order_by("pk").first()
    files = _stored_files(reporter)
    client.force_login(reporter.user)
    url = reverse("accounts:profile")

    _saved(_post_back(client, url, has_field="bio"))
    _saved(_post_back(client, url, has_field="bio", change=("bio", "Now reporting from Jorhat.")))

    reporter.refresh_from_db()
    assert reporter.bio == "Now reporting from Jorhat."
    assert _stored_files(reporter) == files
