"""Who may open which page of the desk: anonymous visitors, reporters, moderators and editors.

The walk covers every model registered on the admin site: its list, its add page, one object's
page and its history. Anonymous visitors and reporters are sent to the admin's login page and
never see a page of it; moderators and editors see what their group's permissions allow and get
403 elsewhere. The policy itself is stated in POLICY below, in words a newsroom would use.
"""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from newsroom.tests.test_admin_queries import MAKERS, registered_models

pytestmark = pytest.mark.usefixtures("fast_passwords")

# Which lists each role must open (True) or be refused (False). Anything not named follows the
# group's permissions (accounts/groups.py); these are the ones the newsroom relies on.
POLICY = {
    "moderator": {
        "comments.Comment": True,
        "enquiries.Enquiry": True,
        "articles.Article": False,
        "accounts.Reporter": False,
        "accounts.User": False,
        "auth.Group": False,
        "otp_totp.TOTPDevice": False,
    },
    "editor": {
        "articles.Article": True,
        "articles.Section": True,
        "articles.Tag": True,
        "accounts.Reporter": True,
        "comments.Comment": False,
        "enquiries.Enquiry": False,
        "accounts.User": False,
        "auth.Group": False,
        "otp_totp.TOTPDevice": False,
    },
}


def urls_for(model, obj):
    opts = model._meta
    prefix = f"admin:{opts.app_label}_{opts.model_name}"
    urls = {"list": reverse(f"{prefix}_changelist"), "add": reverse(f"{prefix}_add")}
    try:
        urls["change"] = reverse(f"{prefix}_change", args=[obj.pk])
        urls["history"] = reverse(f"{prefix}_history", args=[obj.pk])
        urls["delete"] = reverse(f"{prefix}_delete", args=[obj.pk])
    except NoReverseMatch:
        pass
    return urls


def may(user, model, action):
    return user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")


def admin_allows_add(model, superuser):
    """The admin's rule for the model itself (e.g. enquiries only come in through Contact Us)."""
    request = RequestFactory().get("/admin/")
    request.user = superuser
    return admin.site._registry[model].has_add_permission(request)


def admin_allows_delete(model, superuser, obj):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    return admin.site._registry[model].has_delete_permission(request, obj)


@pytest.mark.parametrize("model", registered_models(), ids=lambda model: model._meta.label)
def test_anonymous_visitors_are_sent_to_the_login_page_from_every_page(client, superuser, model):
    obj = MAKERS[model._meta.label](1, superuser)[0]

    for name, url in urls_for(model, obj).items():
        response = client.get(url)
        assert response.status_code == 302, (name, url)
        assert response["Location"].startswith("/admin/login/"), (name, url)


@pytest.mark.parametrize("model", registered_models(), ids=lambda model: model._meta.label)
def test_a_reporter_is_refused_every_page_of_the_desk(client, superuser, reporter_user, model):
    obj = MAKERS[model._meta.label](1, superuser)[0]
    client.force_login(reporter_user)

    for name, url in urls_for(model, obj).items():
        response = client.get(url)
        assert response.status_code == 302, (name, url)
        assert response["Location"].startswith("/admin/login/"), (name, url)
    login_page = client.get("/admin/login/?next=/admin/")
    assert "not authorized to access this page" in login_page.text


@pytest.mark.parametrize("role", ["moderator", "editor"])
@pytest.mark.parametrize("model", registered_models(), ids=lambda model: model._meta.label)
def test_staff_see_exactly_the_pages_their_group_allows(client, request, superuser, role, model):
    user = request.getfixturevalue(role)
    obj = MAKERS[model._meta.label](1, superuser)[0]
    client.force_login(user)
    can_view = may(user, model, "view") or may(user, model, "change")
    label = model._meta.label
    if label in POLICY[role]:
        assert can_view == POLICY[role][label], f"{role} on {label}: the group's permissions break the policy"
    expected = {
        "list": can_view,
        "change": can_view,
        "history": can_view,
        "add": may(user, model, "add") and admin_allows_add(model, superuser),
        "delete": may(user, model, "delete") and admin_allows_delete(model, superuser, obj),
    }

    for name, url in urls_for(model, obj).items():
        response = client.get(url)
        if expected[name]:
            assert response.status_code == 200, (role, name, url)
        else:
            assert response.status_code == 403, (role, name, url, response.status_code)


def test_the_home_page_lists_only_what_the_role_may_open(client, moderator, editor):
    client.force_login(moderator)
    moderator_home = client.get("/admin/").text
    client.force_login(editor)
    editor_home = client.get("/admin/").text

    assert "/admin/comments/comment/" in moderator_home
    assert "/admin/enquiries/enquiry/" in moderator_home
    assert "/admin/articles/article/" not in moderator_home
    assert "/admin/articles/article/" in editor_home
    assert "/admin/comments/comment/" not in editor_home
    assert "/admin/accounts/user/" not in editor_home


def test_inactive_staff_are_refused(client, editor):
    editor.is_active = False
    editor.save()
    client.force_login(editor)

    response = client.get("/admin/articles/article/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
