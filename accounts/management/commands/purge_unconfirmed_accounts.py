from django.core.management.base import BaseCommand, CommandError

from accounts.services import purge_unconfirmed, unconfirmed_retention_days


class Command(BaseCommand):
    help = (
        "Delete reporter registrations whose e-mail address was not confirmed within "
        "ACCOUNTS_UNCONFIRMED_RETENTION_DAYS days, with their photos. Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only say how many would be deleted.")
        parser.add_argument("--days", type=int, default=None, help="Override ACCOUNTS_UNCONFIRMED_RETENTION_DAYS.")

    def handle(self, *args, dry_run=False, days=None, **options):
        days = unconfirmed_retention_days() if days is None else days
        if days < 1:
            raise CommandError("The retention period must be at least one day.")
        count = purge_unconfirmed(days=days, dry_run=dry_run)
        if dry_run:
            self.stdout.write(f"{count} registrations unconfirmed for {days} days would be deleted.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Deleted {count} registrations unconfirmed for {days} days."))
