from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import demo as accounts_demo
from articles import demo as articles_demo
from articles import demo_translations as articles_demo_translations
from articles import demo_workflow as articles_demo_workflow
from articles.comments import demo as comments_demo
from articles.models import Article
from enquiries import demo as enquiries_demo


class Command(BaseCommand):
    help = "Fill the database with demo content so a development site looks alive. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--address", default="http://127.0.0.1:8000", help="Where the site is served, for the log-in links shown."
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo only runs with DEBUG on: it must never touch a production database.")
        with transaction.atomic():
            people = accounts_demo.seed()
            articles_demo.seed(people)
            comments_demo.seed(people)  # reader comments: approved, held, reported, spam
            accounts_demo.seed_staff(people)
            articles_demo_workflow.seed(people)  # stories in every state of the workflow
            articles_demo_translations.seed()  # the Assamese translations
            articles_demo.settle_dates()  # "Updated On" only where a story really changed
            enquiries_demo.seed(story=Article.objects.published().first())
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        address = options["address"].rstrip("/")
        self.stdout.write(
            f"Log in at {address}/accounts/login/ (reporters) or {address}/admin/ (staff), "
            f"password {accounts_demo.DEMO_PASSWORD} for every account:"
        )
        for role, email, what in people.logins:
            self.stdout.write(f"  {role:<10} {email:<26} {what}")
