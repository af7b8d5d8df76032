"""The shape of the commands that delete personal data kept past its retention period."""

from django.core.management.base import BaseCommand, CommandError


class PurgeCommand(BaseCommand):
    """`manage.py <command> [--dry-run] [--days N]`: subclasses name what they delete and how.

    `setting` names the retention setting, `default_days()` reads it, `purge(days, dry_run)` deletes
    (or counts) and returns how many, `described` says what in a few words.
    """

    setting = ""
    described = ""

    def default_days(self):
        raise NotImplementedError

    def purge(self, *, days, dry_run):
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only say how many would be deleted.")
        parser.add_argument("--days", type=int, default=None, help=f"Override {self.setting}.")

    def handle(self, *args, dry_run=False, days=None, **options):
        days = self.default_days() if days is None else days
        if days < 1:
            raise CommandError("The retention period must be at least one day.")
        count = self.purge(days=days, dry_run=dry_run)
        described = self.described.format(days=days)
        if dry_run:
            self.stdout.write(f"{count} {described} would be deleted.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Deleted {count} {described}."))
