from django.db import migrations


def create_groups(apps, schema_editor):
    from accounts.groups import ensure_groups

    ensure_groups(apps, create_missing_permissions=True)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Reporter", "Editor", "Moderator"]).delete()


class Migration(migrations.Migration):
    """The Reporter, Editor and Moderator groups (see accounts/groups.py)."""

    dependencies = [
        ("accounts", "0001_initial"),
        ("articles", "0002_article_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
