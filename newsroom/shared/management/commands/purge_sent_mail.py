from django.conf import settings

from newsroom.shared.models import OutgoingMail
from newsroom.shared.retention import PurgeCommand


class Command(PurgeCommand):
    help = (
        "Delete e-mail sent or given up more than OUTGOING_MAIL_RETENTION_DAYS days ago from the outbox "
        "(addresses and text are personal data; messages still waiting are never deleted). Run it daily."
    )
    setting = "OUTGOING_MAIL_RETENTION_DAYS"
    described = "sent or given-up messages older than {days} days"

    def default_days(self):
        return settings.OUTGOING_MAIL_RETENTION_DAYS

    def purge(self, *, days, dry_run):
        old = OutgoingMail.objects.past_retention(days)
        count = old.count()
        if not dry_run and count:
            old.delete()
        return count
