from django.core.management.base import BaseCommand

from enquiries.services import send_pending_mail


class Command(BaseCommand):
    help = (
        "Send the acknowledgements and staff notifications of enquiries, and the staff's replies to readers, that "
        "could not be mailed at the time (the mail server was down). Run it from cron, e.g. every 10 minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None, help="Send for at most this many enquiries.")

    def handle(self, *args, limit=None, **options):
        tried, completed = send_pending_mail(limit=limit)
        message = f"{completed} of {tried} enquiries with mail waiting are now fully sent."
        if completed < tried:
            self.stderr.write(self.style.WARNING(message + " The rest will be tried again next time."))
        else:
            self.stdout.write(self.style.SUCCESS(message))
