from accounts.services import purge_unconfirmed, unconfirmed_retention_days
from newsroom.shared.retention import PurgeCommand


class Command(PurgeCommand):
    help = (
        "Delete reporter registrations whose e-mail address was not confirmed within "
        "ACCOUNTS_UNCONFIRMED_RETENTION_DAYS days, with their photos. Run it daily from cron."
    )
    setting = "ACCOUNTS_UNCONFIRMED_RETENTION_DAYS"
    described = "registrations unconfirmed for {days} days"

    def default_days(self):
        return unconfirmed_retention_days()

    def purge(self, *, days, dry_run):
        return purge_unconfirmed(days=days, dry_run=dry_run)
