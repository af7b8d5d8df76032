from django.core.management.base import BaseCommand, CommandError

from enquiries.models import retention_days
from enquiries.services import purge_old


class Command(BaseCommand):
    help = (
        "Delete closed and spam enquiries nobody has touched for ENQUIRY_RETENTION_DAYS days (personal data is "
        "kept no longer than needed). Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only say how many would be deleted.")
        parser.add_argument("--days", type=int, default=None, help="Override ENQUIRY_RETENTION_DAYS.")

    def handle(self, *args, dry_run=False, days=None, **options):
        days = retention_days() if days is None else days
        if days < 1:
            raise CommandError("The retention period must be at least one day.")
        count = purge_old(days=days, dry_run=dry_run)
        if dry_run:
            self.stdout.write(f"{count} closed or spam enquiries older than {days} days would be deleted.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Deleted {count} closed or spam enquiries older than {days} days."))
