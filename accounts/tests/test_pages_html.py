"""The reporter pages the site-wide page walk (tests/pages.py) does not open are valid HTML5 too."""

import shutil

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import ReporterTerms
from accounts.tests.factories import make_approved_reporter, make_editor
from articles import services
from articles.models import Article
from articles.tests.factories import make_article
from tests.test_page_quality import VNU, nu_errors

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not VNU.exists() or not shutil.which("java"), reason="make test-tools installs the checker"),
]


def test_reporter_pages_are_valid_html5(tmp_path, settings, photo_bytes):
    settings.AXES_FAILURE_LIMIT = 1
    reporter = make_approved_reporter(full_name="Anjali Baruah")
    editor = make_editor()
    draft = make_article(status=Article.Status.DRAFT, authors=[reporter], photo=photo_bytes(), photo_alt="A river")
    returned = make_article(status=Article.Status.DRAFT, authors=[reporter])
    services.submit_article(article=returned, actor=reporter.user, notify=False)
    services.return_article(article=returned, actor=editor, note="Add a quote.", notify=False)

    anonymous, logged_in = Client(), Client()
    logged_in.force_login(reporter.user)
    pages = {
        "desk with stories": logged_in.get(reverse("articles:desk")),
        "story edit": logged_in.get(reverse("articles:story-edit", args=[returned.pk])),
        "story preview": logged_in.get(reverse("articles:story-preview", args=[draft.pk])),
        "profile": logged_in.get(reverse("accounts:profile")),
        "password change": logged_in.get(reverse("accounts:password-change")),
        "register done": anonymous.get(reverse("accounts:register-done")),
        "bad confirmation link": anonymous.get(reverse("accounts:confirm-email", args=["nonsense"])),
        "new confirmation link": anonymous.get(reverse("accounts:resend-confirmation")),
        "password reset": anonymous.get(reverse("accounts:password-reset")),
        "register with errors": anonymous.post(reverse("accounts:register"), {"email": "x"}),
        "terms, the default": anonymous.get(reverse("accounts:terms")),
        "story edit with a photo": logged_in.get(reverse("articles:story-edit", args=[draft.pk])),
        "story form with errors": logged_in.post(reverse("articles:story-create"), {"action": "submit"}),
        "profile with errors": logged_in.post(reverse("accounts:profile"), {"phone": "1"}),
        "login with errors": anonymous.post(reverse("accounts:login"), {"username": "x"}),
    }
    ReporterTerms.objects.create(title_en="Terms", body_en="Be fair.\n\nBe accurate.")
    pages["terms, the staff's"] = anonymous.get(reverse("accounts:terms"))
    anonymous.post(reverse("accounts:login"), {"username": reporter.user.email, "password": "wrong-password-1"})
    pages["locked out"] = anonymous.post(
        reverse("accounts:login"), {"username": reporter.user.email, "password": "wrong-password-1"}
    )
    assert pages["locked out"].status_code == 429
    documents = {name: response.content.decode() for name, response in pages.items()}
    errors = nu_errors(documents, tmp_path)
    assert {name: found for name, found in errors.items() if found} == {}
