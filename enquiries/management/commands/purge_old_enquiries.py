from enquiries.models import retention_days
from enquiries.services import purge_old
from newsroom.shared.retention import PurgeCommand


class Command(PurgeCommand):
    help = (
        "Delete closed and spam enquiries nobody has touched for ENQUIRY_RETENTION_DAYS days (personal data is "
        "kept no longer than needed). Run it daily from cron."
    )
    setting = "ENQUIRY_RETENTION_DAYS"
    described = "closed or spam enquiries older than {days} days"

    def default_days(self):
        return retention_days()

    def purge(self, *, days, dry_run):
        return purge_old(days=days, dry_run=dry_run)
