"""The newsroom's groups, each with the least privilege its job needs.

- Reporter: no admin permission at all. What a reporter may do (their desk, their own stories)
  is decided by the views in accounts/ and articles/views/filing.py, not by permissions.
- Editor: every story permission including "publish_article" (publish, schedule, return, reject, withdraw),
  sections and tags, the workflow history (view), and reporters (view, change: approve, reject,
  suspend). Editors also need `is_staff` to open the admin.
- Moderator: comments (and readers' reports, the comment block list) and enquiries only; nothing about stories.

The data migration accounts/0002_groups creates the groups and attaches the permissions of the
models that exist then. Models added later by other apps (articles.Comment, enquiries.Enquiry)
get theirs from `ensure_groups`, which runs after every `migrate` (post_migrate, see apps.py).
It is idempotent: it only adds missing permissions, never removes what staff granted by hand.
"""

ALL = ("add", "change", "delete", "view")

GROUP_PERMISSIONS = {
    "Reporter": {},
    "Editor": {
        ("articles", "article"): (*ALL, "publish"),
        ("articles", "section"): ALL,
        ("articles", "tag"): ALL,
        ("articles", "articletransition"): ("view",),
        ("articles", "articletranslationstate"): ("view",),
        ("accounts", "reporter"): ("view", "change"),
    },
    "Moderator": {
        ("comments", "comment"): ("view", "change", "delete"),
        ("comments", "commentreport"): ("view",),
        ("comments", "blockedterm"): ALL,
        ("enquiries", "enquiry"): ("view", "change", "delete"),
        ("enquiries", "enquiryreply"): ("view", "add"),
    },
}

REPORTER, EDITOR, MODERATOR = "Reporter", "Editor", "Moderator"


def ensure_groups(apps=None, *, create_missing_permissions=False):
    """Create the groups and add every listed permission that exists. Safe to run any number of times."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    if create_missing_permissions:
        _create_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, models in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = []
        for (app_label, model), actions in models.items():
            codenames = [f"{action}_{model}" for action in actions]
            wanted.extend(
                Permission.objects.filter(
                    content_type__app_label=app_label, content_type__model=model, codename__in=codenames
                )
            )
        missing = set(wanted) - set(group.permissions.all())
        if missing:
            group.permissions.add(*missing)


def _create_permissions(apps):
    """Permissions are normally created after all migrations; a data migration needs them now."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_contenttypes(app_config, verbosity=0, apps=apps)
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def ensure_groups_after_migrate(sender, **kwargs):
    """post_migrate receiver: attach permissions of models that appeared since the last run."""
    from django.apps import apps as global_apps
    from django.db import DEFAULT_DB_ALIAS

    # Sent once per app with models; permissions of every app exist only after the last one's signal.
    last_app = [config for config in global_apps.get_app_configs() if config.models_module is not None][-1]
    if sender is not last_app or kwargs.get("using", DEFAULT_DB_ALIAS) != DEFAULT_DB_ALIAS:
        return
    ensure_groups()
