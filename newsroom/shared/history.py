"""Moderation acts go into the admin's own history (LogEntry), written the same way by every app.

Publishing, returning and rejecting stories, moderating comments, approving or suspending
reporters and changing an enquiry's status all call `record_change` from their services, so
the admin's "History" page of the object shows who did what and when.
"""

from django.contrib.admin.models import CHANGE, LogEntry


def record_change(*, actor, obj, message):
    """Add one "changed" line by `actor` to `obj`'s history in the admin."""
    LogEntry.objects.log_actions(
        user_id=actor.pk,
        queryset=[obj],
        action_flag=CHANGE,
        change_message=message,
        single_object=True,
    )
