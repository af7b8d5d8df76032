from django.core.management.base import BaseCommand

from newsroom.shared.mail import send_due


class Command(BaseCommand):
    help = (
        "Send the e-mail waiting in the outbox whose next try has come (a mail server that was down, a worker "
        "that was stopped). Run it from a timer or cron every few minutes, beside the worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None, help="Try at most this many messages.")

    def handle(self, *args, limit=None, **options):
        tried, sent = send_due(limit=limit)
        message = f"{sent} of {tried} waiting messages sent."
        if sent < tried:
            self.stderr.write(self.style.WARNING(message + " The rest will be tried again later."))
        else:
            self.stdout.write(self.style.SUCCESS(message))
